package org.rollscope.netcode.transport;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;

/**
 * The one libwebrtc {@link PeerConnectionFactory} of this JVM, made on first use. A factory starts libwebrtc's
 * signalling, worker and network threads, so every peer connection shares it; it lives as long as the JVM.
 *
 * <p>The headless audio device module keeps libwebrtc from opening a sound card (there is none on a lab server or in
 * CI); libwebrtc still loads {@code libpulse.so.0} (Debian {@code libpulse0}), and fails without it.
 */
final class WebRtcFactory {
    private static PeerConnectionFactory factory;

    private WebRtcFactory() {}

    /**
     * Returns the factory, making it on the first call.
     *
     * @throws IllegalStateException when libwebrtc cannot load (usually: {@code libpulse0} is not installed)
     */
    static synchronized PeerConnectionFactory get() {
        if (factory == null) {
            try {
                factory = new PeerConnectionFactory(new HeadlessAudioDeviceModule());
            } catch (UnsatisfiedLinkError | RuntimeException e) {
                throw new IllegalStateException("libwebrtc did not load (is Debian's libpulse0 installed?): "
                        + e.getMessage(), e);
            }
        }
        return factory;
    }
}
