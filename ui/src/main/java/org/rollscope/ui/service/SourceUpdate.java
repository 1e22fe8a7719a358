package org.rollscope.ui.service;

import java.util.List;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.ui.source.CommandResult;
import org.rollscope.ui.source.ConnectionState;
import org.rollscope.ui.source.SessionEventRecord;
import org.rollscope.ui.source.SessionInfo;

/** One thing that happened off the FX thread, queued in the {@link TelemetryInbox} until the next pulse. */
public sealed interface SourceUpdate {

    record ConnectionChanged(ConnectionState state) implements SourceUpdate {}

    record SnapshotReceived(List<SessionInfo> sessions) implements SourceUpdate {}

    record SampleReceived(PeerSample sample) implements SourceUpdate {}

    record EventReceived(SessionEventRecord event) implements SourceUpdate {}

    /** A command's acknowledgement, with the plain description the user saw when sending it. */
    record CommandCompleted(String description, CommandResult result) implements SourceUpdate {}
}
