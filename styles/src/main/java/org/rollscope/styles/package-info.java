/**
 * The console's theme as a class-path resource ({@code rollscope.css}) and {@link org.rollscope.styles.Styles}, which
 * gives its URL. No JavaFX dependency: the URL is a plain string a Scene takes.
 */
package org.rollscope.styles;
