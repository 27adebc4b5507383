package flinkcatalog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;

/**
 * Reporter plugins ({@code plugins/<dir>/} jars that register a metric, trace or event reporter
 * factory). Their options are read by a reporter from the {@code metrics.reporter.<name>.}
 * (or {@code traces.}/{@code events.}) subset of the configuration, so they are keyed here by
 * plugin and by their own suffix, not mixed into the flat key space where two reporters'
 * {@code port} would collide.
 */
final class ReporterPlugins {
  private static final Map<String, String> SERVICES = Map.of(
      "org.apache.flink.metrics.reporter.MetricReporterFactory", "metrics",
      "org.apache.flink.traces.reporter.TraceReporterFactory", "traces",
      "org.apache.flink.events.reporter.EventReporterFactory", "events");

  /** Plugin directory -> kind (metrics/traces/events) -> factory classes. */
  final Map<String, Map<String, TreeSet<String>>> factories = new TreeMap<>();
  /** Plugin directory -> option records of that plugin (suffix keys). */
  final Map<String, List<OptionRecord>> records = new TreeMap<>();

  void scanServices(Distribution.Jar jar) throws IOException {
    String plugin = pluginOf(jar.origin);
    if (plugin == null) return;
    try (JarFile file = new JarFile(jar.path.toFile(), false)) {
      for (Map.Entry<String, String> s : SERVICES.entrySet()) {
        var entry = file.getJarEntry("META-INF/services/" + s.getKey());
        if (entry == null) continue;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(file.getInputStream(entry), StandardCharsets.UTF_8))) {
          for (String line; (line = in.readLine()) != null;) {
            String name = line.replaceFirst("#.*", "").trim();
            if (name.isEmpty()) continue;
            factories.computeIfAbsent(plugin, p -> new TreeMap<>()).computeIfAbsent(s.getValue(), k -> new TreeSet<>()).add(name);
          }
        }
      }
    }
  }

  /** Moves the options of reporter plugins (those without a documented key prefix) out of {@code all}. */
  void claim(List<OptionRecord> all) {
    for (Iterator<OptionRecord> it = all.iterator(); it.hasNext();) {
      OptionRecord r = it.next();
      String plugin = pluginOf(r.origin);
      if (plugin != null && r.suffixKey == null && factories.containsKey(plugin)) {
        records.computeIfAbsent(plugin, p -> new ArrayList<>()).add(r);
        it.remove();
      }
    }
  }

  private static String pluginOf(String origin) {
    if (!origin.startsWith("plugins/")) return null;
    String rest = origin.substring("plugins/".length());
    return rest.substring(0, rest.indexOf('/'));
  }

  /** The {@code "reporterPlugins"} member, one option per line. */
  String toJson(List<String> conflicts) {
    StringBuilder b = new StringBuilder("\"reporterPlugins\":{\n");
    int i = 0;
    for (Map.Entry<String, Map<String, TreeSet<String>>> p : factories.entrySet()) {
      b.append(Json.str(p.getKey())).append(":{\"factories\":{");
      int j = 0;
      for (Map.Entry<String, TreeSet<String>> f : p.getValue().entrySet()) {
        b.append(j++ > 0 ? "," : "").append(Json.str(f.getKey())).append(':').append(Json.strings(f.getValue()));
      }
      b.append("},\"options\":{\n");
      Map<String, List<OptionRecord>> byKey = new TreeMap<>();
      for (OptionRecord r : records.getOrDefault(p.getKey(), List.of())) byKey.computeIfAbsent(r.key, k -> new ArrayList<>()).add(r);
      List<String> pluginConflicts = new ArrayList<>();
      Map<String, OptionRecord> options = CatalogCommand.merge(byKey, pluginConflicts);
      for (String c : pluginConflicts) conflicts.add(p.getKey() + ":" + c);
      int k = 0;
      for (Map.Entry<String, OptionRecord> o : options.entrySet()) {
        b.append(Json.str(o.getKey())).append(':').append(o.getValue().toJson()).append(++k < options.size() ? ",\n" : "\n");
      }
      b.append(++i < factories.size() ? "}},\n" : "}}\n");
    }
    return b.append("}").toString();
  }
}
