package org.rollscope.netcode.relay;

/**
 * Names of the {@code /probe} namespace, where MUG page probes (the relay's {@code rollscope-probe.js}, served at
 * {@link #SCRIPT_PATH}) report one seat each. Public because tests and tools on both ends use them; the events are
 * documented in docs/relay-protocol.md and the lab's side in docs/mug-probe.md.
 */
public final class ProbeProtocol {
    /** The namespace probes connect to. */
    public static final String NAMESPACE = "/probe";
    /** Keys of the CONNECT auth payload: the relay's probe key and the page's own MUG seat. */
    public static final String AUTH_KEY = "probe_key";
    public static final String AUTH_GAME_ID = "game_id";
    public static final String AUTH_PLAYER_ID = "player_id";
    public static final String AUTH_SUBJECT_ID = "subject_id";
    /**
     * Optional: who reports. Absent for a page's probe; {@code "mug-pilot"} for Rollscope's own MUG pilot
     * ({@code peer --mug ... --report-to}), whose samples are then stamped as the pilot's and which takes no commands.
     */
    public static final String AUTH_SOURCE = "source";
    /** Relay → probe right after connecting: {@code {allow_restore}}. */
    public static final String CONFIG_EVENT = "probe_config";
    /** Where the relay serves the probe script over plain HTTP(S). */
    public static final String SCRIPT_PATH = "/rollscope/probe.js";
    /** Refusals a probe sees in {@code connect_error}'s {@code message}. */
    public static final String REFUSED_MISSING_KEY = "missing probe key";
    public static final String REFUSED_WRONG_KEY = "wrong probe key";
    /**
     * The relay option that lets probes carry out {@code restore_p2p}. Its name says what it does: MUG latches its
     * fallback for the rest of a game, so restoring P2P means resetting a MUG internal. The probe quotes it.
     */
    public static final String RESTORE_OPT_IN_OPTION = "--probe-restore-resets-mug-fallback-latch";
    /** Why a probe seat cannot return to P2P (the probe's refusal says the same), for consoles and docs. */
    public static final String RESTORE_REFUSAL = "MUG cannot return to P2P: its fallback latches for the rest of the "
            + "game. Restoring means resetting that MUG internal; the relay allows it only when started with "
            + RESTORE_OPT_IN_OPTION;

    private ProbeProtocol() {
    }
}
