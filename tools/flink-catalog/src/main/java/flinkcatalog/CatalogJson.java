package flinkcatalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Writes a catalog file: a header naming the artifact, scan figures, then one option per line. */
final class CatalogJson {
  /** What the scan saw, for the header. */
  static final class Summary {
    int jars;
    int classFiles;
    int candidates;
    Map<String, String> failed = new TreeMap<>();
    Map<String, String> failedFactories = new TreeMap<>();
    Map<String, java.util.TreeSet<String>> prefixes = new TreeMap<>();
    final List<String> conflicts = new ArrayList<>();
  }

  private CatalogJson() {}

  static String render(Map<String, String> args, Summary s, Map<String, OptionRecord> options,
      ReporterPlugins reporters, String valueSyntax) {
    String plugins = reporters.toJson(s.conflicts);
    String version = Main.required(args, "flink-version");
    StringBuilder b = new StringBuilder("{\n");
    b.append("\"format\":1,\n");
    b.append("\"flinkVersion\":").append(Json.str(version)).append(",\n");
    b.append("\"source\":{\"package\":").append(Json.str(Main.required(args, "package")))
        .append(",\"version\":").append(Json.str(version))
        .append(",\"file\":").append(Json.str(Main.required(args, "file")))
        .append(",\"sha256\":").append(Json.str(Main.required(args, "sha256"))).append("},\n");
    b.append("\"scan\":{\"jars\":").append(s.jars).append(",\"classFiles\":").append(s.classFiles)
        .append(",\"candidateClasses\":").append(s.candidates)
        .append(",\"notLoadable\":").append(Json.strings(s.failed.keySet()))
        .append(",\"tableFactoriesNotRead\":").append(Json.strings(s.failedFactories.keySet()))
        .append(",\"declaredDifferently\":").append(Json.strings(s.conflicts)).append("},\n");
    b.append("\"valueSyntax\":").append(valueSyntax).append(",\n");
    b.append("\"keyPrefixConstants\":{");
    int p = 0;
    for (Map.Entry<String, java.util.TreeSet<String>> e : s.prefixes.entrySet()) {
      b.append(p++ > 0 ? "," : "").append(Json.str(e.getKey())).append(':').append(Json.strings(e.getValue()));
    }
    b.append("},\n");
    b.append("\"options\":{\n");
    int i = 0;
    for (Map.Entry<String, OptionRecord> e : options.entrySet()) {
      b.append(Json.str(e.getKey())).append(':').append(e.getValue().toJson());
      b.append(++i < options.size() ? ",\n" : "\n");
    }
    return b.append("},\n").append(plugins).append("\n}\n").toString();
  }
}
