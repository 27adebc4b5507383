package flinkcatalog;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The jars of an unpacked Flink distribution ({@code lib/}, {@code opt/}, {@code plugins/<name>/})
 * on class loaders arranged as Flink arranges them: {@code lib/} is the parent; each opt jar and
 * each plugin directory gets its own loader on top of it.
 */
final class Distribution {
  /** Name of the planner jar that flink-table-planner-loader carries inside itself. */
  static final String NESTED_PLANNER = "flink-table-planner.jar";

  /** One jar and the loader its classes are read through. */
  static final class Jar {
    final String origin;
    final Path path;
    final ClassLoader loader;

    Jar(String origin, Path path, ClassLoader loader) {
      this.origin = origin;
      this.path = path;
      this.loader = loader;
    }
  }

  final ClassLoader lib;
  final List<Jar> jars = new ArrayList<>();

  Distribution(Path dist, Path work) throws IOException {
    List<Path> libJars = jarsIn(dist.resolve("lib"));
    List<Path> nested = new ArrayList<>();
    for (Path jar : libJars) {
      Path inner = extractNested(jar, work);
      if (inner != null) nested.add(inner);
    }
    List<Path> all = new ArrayList<>(libJars);
    all.addAll(nested);
    lib = new URLClassLoader("flink-lib", urls(all), ClassLoader.getPlatformClassLoader());
    for (Path jar : libJars) jars.add(new Jar("lib/" + baseName(jar), jar, lib));
    for (Path jar : nested) jars.add(new Jar("lib/flink-table-planner-loader!" + baseName(jar), jar, lib));
    for (Path jar : jarsIn(dist.resolve("opt"))) {
      ClassLoader loader = new URLClassLoader("opt-" + baseName(jar), urls(List.of(jar)), lib);
      jars.add(new Jar("opt/" + baseName(jar), jar, loader));
    }
    for (Path dir : dirsIn(dist.resolve("plugins"))) {
      List<Path> pluginJars = jarsIn(dir);
      ClassLoader loader = new URLClassLoader("plugin-" + dir.getFileName(), urls(pluginJars), lib);
      for (Path jar : pluginJars) jars.add(new Jar("plugins/" + dir.getFileName() + "/" + baseName(jar), jar, loader));
    }
  }

  /** A jar's file name without its version: {@code flink-dist-2.3.0.jar} -> {@code flink-dist}. */
  static String baseName(Path jar) {
    return jar.getFileName().toString().replaceFirst("(-\\d[\\w.]*)?\\.jar$", "");
  }

  private static Path extractNested(Path jar, Path work) throws IOException {
    try (JarFile file = new JarFile(jar.toFile(), false)) {
      var entry = file.getJarEntry(NESTED_PLANNER);
      if (entry == null) return null;
      Files.createDirectories(work);
      Path target = work.resolve(NESTED_PLANNER);
      try (InputStream in = file.getInputStream(entry)) {
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
      }
      return target;
    }
  }

  private static List<Path> jarsIn(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) return List.of();
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".jar")).sorted().collect(Collectors.toList());
    }
  }

  private static List<Path> dirsIn(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) return List.of();
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isDirectory).sorted().collect(Collectors.toList());
    }
  }

  private static URL[] urls(List<Path> paths) throws IOException {
    URL[] urls = new URL[paths.size()];
    for (int i = 0; i < urls.length; i++) urls[i] = paths.get(i).toUri().toURL();
    return urls;
  }
}
