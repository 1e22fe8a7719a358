package org.rollscope.netcode.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollscope.netcode.game.SlimeAction;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.netcode.observer.ObserverProtocol;
import org.rollscope.netcode.testing.Await;
import org.rollscope.netcode.transport.DatagramAuth;
import org.rollscope.netcode.transport.TransportCounters;
import org.rollscope.netcode.wire.Message;
import org.rollscope.netcode.wire.WireCodec;

/**
 * Issue 12 finding 4, on real sockets: well-formed INPUT datagrams forged by someone without the session key, from
 * their own port and from the partner's own address (its socket closed, as a network failure would, and the port
 * taken by the forger: what raw-socket spoofing achieves), while a real two-peer session runs through the real relay.
 * They are dropped and counted, and both peers store identical data. Inputs far ahead of anything the partner can
 * have played are dropped even when correctly sealed (the bound of docs/peer.md).
 */
class HeadlessPeerSpoofTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @TempDir
    Path dataDir;

    private final SplittableRandom random = new SplittableRandom(12);

    @Test
    void forgedDatagramsAreDroppedAndCountedAndBothPeersStoreIdenticalData() throws Exception {
        try (LiveSession live = new LiveSession(dataDir, c -> c.episodes(1).framesPerEpisode(1_500)
                .p2pFailAfter(Duration.ofMillis(1_000)))) {
            HeadlessPeerFallbackTest.awaitTransport(live, "0", "p2p");
            Await.until(Duration.ofSeconds(15), "some frames over P2P", () -> frame(live.peer0) > 120,
                    live.peer0::latestSample);
            InetSocketAddress victim = live.peer0.udpAddress();
            InetSocketAddress partner = live.peer1.udpAddress();
            TransportCounters counters = live.peer0.p2pCounters();

            int fromStranger = 0;
            try (DatagramSocket stranger = new DatagramSocket(0, LOOPBACK)) {
                for (; fromStranger < 300; fromStranger++) {
                    send(stranger, victim, forgedNearby(live.peer0.latestSample(), fromStranger % 2 == 0));
                }
            }
            Await.until(Duration.ofSeconds(5), "the stranger's datagrams counted",
                    () -> counters.droppedForeignSource() >= 300, counters::droppedForeignSource);

            live.peer1.closeP2pSocket(); // peer 1 plays on by relay; its address is free for the forger
            HeadlessPeerFallbackTest.awaitTransport(live, "1", "relay");
            List<Integer> sent = new ArrayList<>(List.of(0));
            try (DatagramSocket forger = new DatagramSocket(partner)) {
                int until = frame(live.peer0) + 180; // three seconds of play under forged input
                Await.until(Duration.ofSeconds(20), "three seconds of forged datagrams from the partner's address",
                        () -> {
                            PeerSample s = live.peer0.latestSample();
                            send(forger, victim, forgedNearby(s, sent.get(0) % 2 == 0));
                            send(forger, victim, forgedFarAhead(s, null));
                            sent.set(0, sent.get(0) + 2);
                            return s.frame() > until;
                        }, live.peer0::latestSample);
                // Sealed with the real key (read where the relay keeps it) but far ahead: the frame bound drops it.
                DatagramAuth stolen = new DatagramAuth(storedKey(), 1);
                for (int i = 0; i < 20; i++) {
                    send(forger, victim, forgedFarAhead(live.peer0.latestSample(), stolen));
                }
                Await.until(Duration.ofSeconds(5), "the sealed far-ahead inputs dropped",
                        () -> live.peer0.inputsDroppedAhead() > 0, live.peer0::inputsDroppedAhead);
            }
            live.awaitFinished(Duration.ofSeconds(90));
            HeadlessPeerFallbackTest.assertParity(live, 1, 1_500);

            PeerResult result = live.peer0.finished().get();
            System.out.printf("spoof: %d datagrams from a stranger's port, %d from the partner's address;"
                            + " dropped as foreign %d, as unauthenticated %d; inputs dropped as too far ahead %d;"
                            + " peer result datagrams_dropped=%d%n", fromStranger, sent.get(0),
                    counters.droppedForeignSource(), counters.droppedUnauthenticated(), result.inputsDroppedAhead(),
                    result.datagramsDropped());
            assertTrue(counters.droppedUnauthenticated() >= sent.get(0) * 9L / 10,
                    "forged datagrams from the partner's address dropped: " + counters.droppedUnauthenticated()
                            + " of " + sent.get(0));
            assertTrue(result.datagramsDropped() >= counters.droppedUnauthenticated() + 300, result.toString());
            assertTrue(result.inputsDroppedAhead() >= 20, result.toString());
            assertFalse(result.partnerGone());
            assertEquals(0, result.desyncs());
        }
    }

    private static int frame(HeadlessPeer peer) {
        PeerSample s = peer.latestSample();
        return s == null ? -1 : s.frame();
    }

    /**
     * An INPUT of player 1 that the victim would take, were it genuine: it connects to the confirmed run and ends a
     * few frames ahead of the victim, inside the prediction window; untagged or with a made-up tag.
     */
    private byte[] forgedNearby(PeerSample victim, boolean untagged) {
        int oldest = victim.confirmedFrame() + 1;
        int newest = Math.min(oldest + WireCodec.MAX_INPUTS_PER_PACKET - 1, victim.frame() + 6);
        newest = Math.max(newest, oldest);
        byte[] input = WireCodec.encode(input(oldest, newest));
        if (untagged) {
            return input;
        }
        byte[] tagged = java.util.Arrays.copyOf(input, input.length + DatagramAuth.TAG_BYTES);
        for (int i = input.length; i < tagged.length; i++) {
            tagged[i] = (byte) random.nextInt(256);
        }
        return tagged;
    }

    /** An INPUT 128 frames ahead of the victim: no partner can be there. Sealed with {@code auth} when given. */
    private byte[] forgedFarAhead(PeerSample victim, DatagramAuth auth) {
        int newest = victim.frame() + 128;
        byte[] input = WireCodec.encode(input(newest - 9, newest));
        return auth == null ? input : auth.seal(input);
    }

    private Message.Input input(int oldest, int newest) {
        List<Message.FrameAction> inputs = new ArrayList<>();
        for (int f = oldest; f <= newest; f++) {
            inputs.add(new Message.FrameAction(f, random.nextInt(SlimeAction.COUNT)));
        }
        return new Message.Input(1, newest, inputs);
    }

    private byte[] storedKey() throws IOException {
        JsonNode seats = ObserverProtocol.mapper().readTree(Files.readString(
                dataDir.resolve(LiveSession.GAME).resolve("seats.json")));
        return Base64.getDecoder().decode(seats.path("p2p_key").asText());
    }

    private static void send(DatagramSocket socket, InetSocketAddress to, byte[] datagram) {
        try {
            socket.send(new DatagramPacket(datagram, datagram.length, to));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
