/**
 * Small JavaFX helpers shared by every view: the FX-thread assertion, the CSS class constants and number formats.
 *
 * <p>May import JavaFX; never a feature package.
 */
package org.rollscope.ui.fx;
