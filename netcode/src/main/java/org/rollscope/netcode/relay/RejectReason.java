package org.rollscope.netcode.relay;

/**
 * Why the relay refused something. Each has a counter in {@link RelayStats} and a wire code that the sender sees in
 * {@code rollscope_error.error} or in a refused acknowledgement's {@code error}.
 */
public enum RejectReason {
    /** A named game that does not exist (commands), or an event for a game the sender is not in. */
    UNKNOWN_GAME("unknown_game"),
    /** Both seats of the game are reserved by other players. */
    GAME_FULL("game_full"),
    /** The payload names a seat (game_id/player_id) other than the sender's. */
    NOT_YOUR_SEAT("not_your_seat"),
    /** A seat-bound event from a connection that has not joined a game. */
    NOT_JOINED("not_joined"),
    /** A second {@code join_game} on a connection that already holds a seat. */
    ALREADY_JOINED("already_joined"),
    /** A target player that is not in the game. */
    UNKNOWN_PLAYER("unknown_player"),
    /** Missing fields, wrong types, non-JSON payloads. */
    MALFORMED("malformed"),
    /** A payload over the configured size limit. */
    OVERSIZED("oversized"),
    /** More events per second than the per-connection limit. */
    RATE_LIMITED("rate_limited"),
    /** A game or player id that is not a safe file-system name (path tricks). */
    INVALID_ID("invalid_id"),
    /** An observer with a wrong token. */
    WRONG_TOKEN("wrong_token"),
    /** An observer without a token. */
    MISSING_TOKEN("missing_token"),
    /** A command sent by a peer on the default namespace. */
    COMMAND_FROM_PEER("not_allowed"),
    /** An event name the relay does not know. */
    UNKNOWN_EVENT("unknown_event"),
    /** A {@code set_link} whose values LinkProfile rejects. */
    INVALID_LINK("invalid_link"),
    /** An episode export in a format other than csv. */
    UNSUPPORTED_FORMAT("unsupported_format"),
    /** A command for a seat with no connected peer. */
    NO_PEER("no_peer"),
    /** A peer did not acknowledge a command in time. */
    COMMAND_TIMEOUT("timeout"),
    /** A peer acknowledged a command with an error. */
    PEER_REFUSED("peer_refused"),
    /** Writing an episode file failed. */
    STORAGE_FAILED("storage_failed"),
    /** An archive request to a relay running without its archive ({@code --archive off}). */
    ARCHIVE_OFF("archive_off"),
    /** The archive's database failed to answer a read. */
    ARCHIVE_FAILED("archive_failed"),
    /** Re-taking a reserved seat without its seat token (see docs/relay-protocol.md, "Seats"). */
    SEAT_TOKEN_REQUIRED("seat_token_required"),
    /** Re-taking a reserved seat with a token that is not the seat's. */
    WRONG_SEAT_TOKEN("wrong_seat_token"),
    /** A cap was reached: live games, episodes per seat, a game's journal size. */
    LIMIT_REACHED("limit_reached"),
    /** An upload of an episode already stored with different bytes (stored episodes are immutable). */
    CONFLICT("conflict"),
    /** A bug in the relay, caught at a handler's boundary and logged. */
    INTERNAL("internal_error");

    private final String code;

    RejectReason(String code) {
        this.code = code;
    }

    /** The code senders see on the wire. */
    public String code() {
        return code;
    }
}
