package org.rollscope.netcode.relay;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which frames the relay handles where they were read: only the hot ones whose handlers never block. */
class NonBlockingFramesTest {
    private final NonBlockingFrames frames = new NonBlockingFrames();

    @ParameterizedTest
    @ValueSource(strings = {
        "42[\"peer_telemetry\",{\"seq\":1}]",
        "4217[\"peer_telemetry\",{\"seq\":1}]",
        "42/probe,[\"peer_telemetry\",{}]",
        "42/probe,5[\"peer_telemetry\",{}]",
        "42[\"pyodide_player_action\",{\"frame_number\":3}]",
        "429[\"pyodide_player_action\",{}]",
        "3",
    })
    void hotFramesRunWhereTheyWereRead(String frame) {
        assertTrue(frames.test(frame), frame);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "421[\"join_game\",{}]", // writes the seat ledger
        "42[\"peer_event\",{\"kind\":\"peer_telemetry\"}]", // journal; the hot name only inside the payload
        "423[\"emit_episode_data\",{}]",
        "42[\"p2p_connection_lost\",{}]",
        "42[\"peer_telemetry_extra\",{}]",
        "42[\"peer_telemetry\"", // cut short: Socket.IO closes the connection for it, and a close writes the journal
        "42[\"peer_telemetry\",{\"seq\":1},7]", // not one object: refused, on the pool
        "42/observer,1[\"peer_telemetry\",{}]", // another namespace
        "42/probe,[\"pyodide_player_action\",{}]", // the probe may not relay inputs: refused, on the pool
        "40", "40/probe,{\"key\":\"k\"}", "41", "2probe", "5", "451-[\"peer_telemetry\",{\"_placeholder\":true}]",
        "",
    })
    void everythingElseGoesToThePool(String frame) {
        assertFalse(frames.test(frame), frame);
    }
}
