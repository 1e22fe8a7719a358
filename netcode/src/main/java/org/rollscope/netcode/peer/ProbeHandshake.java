package org.rollscope.netcode.peer;

import java.util.ArrayList;
import java.util.List;
import org.json.JSONObject;
import org.rollscope.netcode.transport.IceServer;
import org.rollscope.netcode.transport.LinkProfile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MUG participant's side of the matchmaker's {@code probe_*} handshake, in the page's order (index.js
 * {@code ProbeManager}): {@code probe_prepare} names the probe and the candidate partner and is answered with
 * {@code probe_ready} (a newer probe replaces an older one); {@code probe_start} opens the {@link MugProbe}; its
 * {@code probe_signal}s go both ways; its measured RTT (or its failure) goes back as {@code probe_result}.
 *
 * <p>Threads: the participant's loop only.
 */
final class ProbeHandshake implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProbeHandshake.class);

    private final MugGameClient client;
    private final List<IceServer> iceServers;
    private final LinkProfile link;
    private final List<JSONObject> early = new ArrayList<>();
    private String preparedId;
    private String preparedPeer;
    private MugProbe probe;
    private volatile Double rttMs;
    private volatile int results;

    ProbeHandshake(MugGameClient client, List<IceServer> iceServers, LinkProfile link) {
        this.client = client;
        this.iceServers = iceServers;
        this.link = link;
    }

    /** {@code probe_prepare {probe_session_id, peer_subject_id, turn_*}}: the page's TURN settings are not used. */
    void onPrepare(JSONObject d) {
        close();
        preparedId = d.optString("probe_session_id", null);
        preparedPeer = d.optString("peer_subject_id", null);
        early.clear();
        if (preparedId != null && preparedPeer != null) {
            LOG.info("MUG participant {}: probe {} with {}", client.subjectId(), preparedId, preparedPeer);
            client.probeReady(preparedId);
        }
    }

    /** {@code probe_start {probe_session_id}}: both sides are ready, the connection opens. */
    void onStart(JSONObject d, long nowMs) {
        String id = d.optString("probe_session_id", null);
        if (id == null || !id.equals(preparedId) || probe != null) {
            LOG.warn("MUG participant {}: probe_start for unknown probe {}", client.subjectId(), id);
            return;
        }
        probe = MugProbe.start(id, client.subjectId(), preparedPeer, iceServers, link, client::probeSignal,
                nowMs);
        early.forEach(this::onSignal);
        early.clear();
    }

    /** {@code probe_signal {probe_session_id, type, from_subject_id, payload}}. */
    void onSignal(JSONObject d) {
        String id = d.optString("probe_session_id", null);
        if (id == null || !id.equals(preparedId) || !preparedPeer.equals(d.optString("from_subject_id"))) {
            return;
        }
        if (probe == null) {
            early.add(d); // overtook probe_start
            return;
        }
        probe.onSignal(d.optString("type"), d.optJSONObject("payload"));
    }

    /** Sends the probe's signals and pings, and its result once measured; true on the tick the result went out. */
    boolean tick(long nowMs) {
        if (probe == null) {
            return false;
        }
        MugProbe.Outcome outcome = probe.tick(nowMs);
        if (outcome != null) {
            client.probeResult(probe.sessionId(), outcome.rttMs());
            rttMs = outcome.rttMs();
            results++;
            LOG.info("MUG participant {}: probe {} {}: RTT {} ms (pings answered {})", client.subjectId(),
                    probe.sessionId(), outcome.success() ? "measured" : "failed", outcome.rttsMs(),
                    probe.pingsAnswered());
        }
        return outcome != null;
    }

    /** The newest probe's median RTT in ms, or null before one was measured or when it failed. */
    Double rttMs() {
        return rttMs;
    }

    /** How many probe results this participant reported. */
    int results() {
        return results;
    }

    @Override
    public void close() {
        if (probe != null) {
            probe.close();
            probe = null;
        }
        preparedId = null;
        preparedPeer = null;
    }
}
