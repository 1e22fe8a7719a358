package org.rollscope.netcode.peer;

/**
 * How a headless peer's session went, for its summary line and for tests.
 *
 * @param gameId the game it played
 * @param playerId its seat
 * @param episodes episodes played to the end
 * @param episodesStored episodes whose data the relay acknowledged
 * @param rollbacks rollbacks performed
 * @param maxRollbackDepth deepest rollback (frames)
 * @param stalls frames waited because the prediction window was full
 * @param desyncs confirmed frames whose hashes differed
 * @param inputsSentP2p inputs sent over the peer-to-peer channel
 * @param inputsSentRelay inputs sent over the relay
 * @param partnerGone true when the partner was gone for the partner timeout: the episode then in play was ended and
 *     its confirmed frames stored as partial (counted in {@code episodesStored}, not in {@code episodes})
 * @param datagramsDropped P2P datagrams dropped unread: from a foreign address or without a valid tag
 * @param inputsDroppedAhead the other player's inputs dropped as further ahead than it can have played
 */
public record PeerResult(String gameId, String playerId, int episodes, int episodesStored, long rollbacks,
        int maxRollbackDepth, long stalls, long desyncs, long inputsSentP2p, long inputsSentRelay,
        boolean partnerGone, long datagramsDropped, long inputsDroppedAhead) {}
