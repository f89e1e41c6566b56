package dev.seatwarden.bootstrap;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

/**
 * {@code --password-stdin}: one line of standard input, its line ending ({@code \n} or
 * {@code \r\n}) dropped, 12 to 1024 characters (Unicode code points, as the sign-in rules count
 * them). The password never appears in a message.
 */
final class PasswordInput {

    static final int MIN_LENGTH = 12;
    static final int MAX_LENGTH = 1024;

    /** Reading stops here: a line this long is too long whatever follows. */
    private static final int READ_LIMIT = 2 * MAX_LENGTH + 2;

    private PasswordInput() {}

    static String readLine(InputStream in) {
        var line = new StringBuilder();
        boolean sawAnything = false;
        try {
            Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
            int c;
            while (line.length() <= READ_LIMIT && (c = reader.read()) != -1) {
                sawAnything = true;
                if (c == '\n') {
                    break;
                }
                line.append((char) c);
            }
        } catch (IOException failure) {
            throw new CommandFailure(ExitCode.FAILURE, "cannot read the password from standard input: " + failure);
        }
        if (line.length() > 0 && line.charAt(line.length() - 1) == '\r') {
            line.setLength(line.length() - 1);
        }
        if (!sawAnything) {
            throw new CommandFailure(
                    ExitCode.USAGE, "--password-stdin: standard input is empty; give the password" + " on one line");
        }
        int length = line.codePointCount(0, line.length());
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            throw new CommandFailure(
                    ExitCode.USAGE,
                    "--password-stdin: the password must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters, not "
                            + (line.length() > READ_LIMIT ? "more than " + MAX_LENGTH : String.valueOf(length)));
        }
        return line.toString();
    }
}
