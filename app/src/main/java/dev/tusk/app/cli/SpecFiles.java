package dev.tusk.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads the file a command names with {@code -f} ({@code -} is standard input), explaining why when it cannot. */
final class SpecFiles {
    private SpecFiles() {
    }

    /** The file's text. @throws IOException with a sentence naming the file and the reason */
    static String read(String file, InputStream stdin) throws IOException {
        if (file.equals("-")) {
            return new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path path = Path.of(file);
        try {
            if (Files.isDirectory(path)) {
                throw new IOException(file + " is a directory; give the file itself");
            }
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IOException(file + " does not exist", e);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new IOException(file + " is not UTF-8 text", e);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new IOException("you may not read " + file, e);
        }
    }
}
