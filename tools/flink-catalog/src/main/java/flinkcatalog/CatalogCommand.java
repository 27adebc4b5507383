package flinkcatalog;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** {@code catalog}: every ConfigOption of one distribution, as one JSON file. */
final class CatalogCommand {
  private CatalogCommand() {}

  static void run(Map<String, String> args) throws Exception {
    Distribution d = new Distribution(Path.of(Main.required(args, "dist")), Path.of(Main.required(args, "work")));
    FlinkReflection flink = new FlinkReflection(d.lib);
    OptionReader reader = new OptionReader(flink);
    CatalogJson.Summary summary = new CatalogJson.Summary();
    summary.jars = d.jars.size();
    Set<ClassLoader> loaders = new LinkedHashSet<>();
    ReporterPlugins reporters = new ReporterPlugins();
    for (Distribution.Jar jar : d.jars) {
      loaders.add(jar.loader);
      reporters.scanServices(jar);
      ClassScanner.Result scan = ClassScanner.scan(jar.path);
      summary.classFiles += scan.classes;
      summary.candidates += scan.candidates.size();
      for (String name : scan.candidates) reader.read(jar, name);
    }
    summary.failed = reader.failed;
    summary.prefixes = reader.prefixes;
    reporters.claim(reader.records);
    Map<String, List<OptionRecord>> byKey = new TreeMap<>();
    for (OptionRecord r : reader.records) byKey.computeIfAbsent(r.key, k -> new ArrayList<>()).add(r);
    Map<String, OptionRecord> options = merge(byKey, summary.conflicts);
    TableFactoryScan factories = new TableFactoryScan();
    factories.scan(loaders, flink);
    factories.factoriesByKey.forEach((key, ids) -> {
      OptionRecord r = options.get(key);
      if (r != null) r.tableFactories.addAll(ids);
    });
    summary.failedFactories = factories.failed;
    Path out = Path.of(Main.required(args, "out"));
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, CatalogJson.render(args, summary, options, reporters, ValueSyntax.toJson(d.lib)), StandardCharsets.UTF_8);
    System.err.printf("flink %s: %d jars, %d class files, %d candidate classes, %d not loadable, %d options, %d keys declared differently in several classes%n",
        args.get("flink-version"), summary.jars, summary.classFiles, summary.candidates, summary.failed.size(),
        options.size(), summary.conflicts.size());
    summary.failed.forEach((c, why) -> System.err.println("  not loaded: " + c + " (" + why + ")"));
    summary.failedFactories.forEach((c, why) -> System.err.println("  table factory not read: " + c + " (" + why + ")"));
    summary.conflicts.forEach(k -> System.err.println("  declared differently: " + k));
  }

  /**
   * One record per key. Declarations of the same option in several classes collapse into the
   * preferred one; declarations that disagree (different type or default) are listed as conflicts
   * and the preferred one is kept.
   */
  static Map<String, OptionRecord> merge(Map<String, List<OptionRecord>> byKey, List<String> conflicts) {
    Map<String, OptionRecord> options = new TreeMap<>();
    byKey.forEach((key, group) -> {
      group.sort(OptionRecord::preference);
      OptionRecord primary = group.get(0);
      boolean conflict = false;
      for (OptionRecord other : group.subList(1, group.size())) {
        if (!other.declaringClass.equals(primary.declaringClass)) primary.alsoDeclaredIn.add(other.declaringClass);
        conflict |= !primary.sameOption(other);
      }
      if (conflict) conflicts.add(key);
      options.put(key, primary);
    });
    return options;
  }
}
