package dev.lockxref.capture.read;

/**
 * One input line after its log prefix was removed.
 *
 * @param number 1-based line number in the input (the first of the lines joined into it)
 * @param text the line without its prefix
 * @param time the time stamp its prefix carried, or null
 * @param cut true when the line was longer than the reader's limit and was cut
 */
public record Line(int number, String text, String time, boolean cut) {}
