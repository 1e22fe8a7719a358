/**
 * The console application: {@link org.rollscope.ui.shell.ConsoleApp} (the JavaFX Application and the entry the app
 * module calls), {@link org.rollscope.ui.shell.ConsoleLauncher} (a plain main), the controller that owns the source,
 * the recorder, the inbox and its pump, and the main window with its toolbar and dialogs.
 *
 * <p>May import every ui package; nothing imports shell.
 */
package org.rollscope.ui.shell;
