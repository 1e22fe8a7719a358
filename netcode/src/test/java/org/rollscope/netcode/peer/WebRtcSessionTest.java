package org.rollscope.netcode.peer;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rollscope.netcode.testing.NetnsJUnit;

/**
 * Rollscope sessions over WebRTC: each of {@link WebRtcSessionDrills} in its own JVM inside its own network namespace
 * (a dummy interface with a test address and a default route to nowhere; deleted afterwards). Needs root.
 */
class WebRtcSessionTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "twoPeersPlayTwoEpisodesOverADataChannelAndStoreIdenticalData",
        "forcedFallbackMovesInputsToTheRelayAndRestoreBringsThemBack",
        "aClosedDataChannelFallsBackAndTheSessionCompletes",
        "aSlowLinkSetLiveDegradesToBothPathsAndP2pReturns",
    })
    void drillPassesOverWebRtcInANetworkNamespace(String drill) throws Exception {
        NetnsJUnit.run(WebRtcSessionDrills.class, drill, Duration.ofSeconds(150));
    }
}
