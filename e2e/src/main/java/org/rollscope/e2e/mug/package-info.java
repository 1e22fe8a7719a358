/**
 * The real-MUG end-to-end harness: a pinned, unmodified MUG server running our lab-style experiment
 * ({@link org.rollscope.e2e.mug.MugServer}), headless Chromium participant pages whose CDN files are answered
 * from local registry copies ({@link org.rollscope.e2e.mug.ParticipantPage}), and MUG's stored episode data
 * ({@link org.rollscope.e2e.mug.EpisodeCsv}).
 *
 * <p>Runs only inside the network namespace testing/mug-e2e/run.sh makes ({@link org.rollscope.e2e.mug.NetnsGuard});
 * may import Selenium, Jackson and the JDK, never JUnit (tests assert, the harness reports).
 */
package org.rollscope.e2e.mug;
