package flinkcatalog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Finds the classes of a jar that can declare a ConfigOption field. A field's type is stored
 * as its descriptor in the class file's constant pool, so a class without the descriptor
 * {@code Lorg/apache/flink/configuration/ConfigOption;} cannot have such a field; only the
 * others are loaded. Every class file of the jar is read.
 */
final class ClassScanner {
  private static final byte[] DESCRIPTOR =
      "Lorg/apache/flink/configuration/ConfigOption;".getBytes(StandardCharsets.US_ASCII);

  /** Classes read and the names of those that mention the descriptor. */
  static final class Result {
    int classes;
    final List<String> candidates = new ArrayList<>();
  }

  private ClassScanner() {}

  static Result scan(Path jar) throws IOException {
    Result result = new Result();
    try (JarFile file = new JarFile(jar.toFile(), false)) {
      Enumeration<JarEntry> entries = file.entries();
      while (entries.hasMoreElements()) {
        JarEntry e = entries.nextElement();
        String name = e.getName();
        if (!name.endsWith(".class") || name.startsWith("META-INF/") || name.endsWith("module-info.class")) {
          continue;
        }
        result.classes++;
        try (InputStream in = file.getInputStream(e)) {
          if (contains(in.readAllBytes(), DESCRIPTOR)) {
            result.candidates.add(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
          }
        }
      }
    }
    result.candidates.sort(null);
    return result;
  }

  static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) continue outer;
      }
      return true;
    }
    return false;
  }
}
