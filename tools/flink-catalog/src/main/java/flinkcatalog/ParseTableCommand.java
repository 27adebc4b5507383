package flinkcatalog;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code parse-table}: feeds each input of a table to Flink's own configuration loading and
 * records whether Flink accepted it and what it parsed. Each input is written to a config
 * file the way this version reads one ({@code flink-conf.yaml} key-value lines before 1.19;
 * {@code config.yaml} from 1.19 on, once as a quoted YAML string and once as a plain YAML
 * scalar), loaded with GlobalConfiguration and read through a typed ConfigOption.
 */
final class ParseTableCommand {
  private ParseTableCommand() {}

  static void run(Map<String, String> args) throws Exception {
    String version = Main.required(args, "flink-version");
    Distribution d = new Distribution(Path.of(Main.required(args, "dist")), Path.of(Main.required(args, "work")));
    Thread.currentThread().setContextClassLoader(d.lib);
    TypedReader reader = new TypedReader(d.lib);
    boolean yamlFile = !version.startsWith("1.18");
    List<String> encodings = yamlFile ? List.of("string", "yaml") : List.of("flink-conf");
    Path dir = Path.of(Main.required(args, "work")).resolve("parse-table");
    StringBuilder b = new StringBuilder("{\"flinkVersion\":").append(Json.str(version)).append(",\"rows\":[\n");
    List<String[]> inputs = readInputs(Path.of(Main.required(args, "inputs")));
    for (int i = 0; i < inputs.size(); i++) {
      String type = inputs.get(i)[0];
      String input = inputs.get(i)[1];
      StringBuilder row = new StringBuilder("{\"type\":").append(Json.str(type)).append(",\"input\":").append(Json.str(input));
      for (String encoding : encodings) {
        row.append(',').append(Json.str(encoding)).append(':').append(reader.result(dir, encoding, type, input));
      }
      b.append(row).append(i + 1 < inputs.size() ? "},\n" : "}\n");
    }
    Path out = Path.of(Main.required(args, "out"));
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, b.append("]}\n").toString(), StandardCharsets.UTF_8);
    System.err.printf("flink %s: %d parser inputs%n", version, inputs.size());
  }

  /** Lines {@code type<TAB>input}; {@code #} starts a comment line; {@code \t} stands for a tab. */
  static List<String[]> readInputs(Path tsv) throws IOException {
    List<String[]> rows = new ArrayList<>();
    for (String line : Files.readAllLines(tsv, StandardCharsets.UTF_8)) {
      if (line.isEmpty() || line.startsWith("#")) continue;
      int tab = line.indexOf('\t');
      if (tab < 0) throw new IllegalArgumentException("no tab in input line: " + line);
      rows.add(new String[] {line.substring(0, tab), line.substring(tab + 1)});
    }
    return rows;
  }

  /** Builds typed options, writes config files and reads values back through Flink. */
  static final class TypedReader {
    private static final String KEY = "catalog.parse-table.value";
    private final ClassLoader lib;
    private final Method key;
    private final Method load;
    private final Method get;

    TypedReader(ClassLoader lib) throws ReflectiveOperationException {
      this.lib = lib;
      key = Class.forName("org.apache.flink.configuration.ConfigOptions", true, lib).getMethod("key", String.class);
      load = Class.forName("org.apache.flink.configuration.GlobalConfiguration", true, lib).getMethod("loadConfiguration", String.class);
      Class<?> conf = Class.forName("org.apache.flink.configuration.Configuration", true, lib);
      get = conf.getMethod("get", Class.forName(FlinkReflection.CONFIG_OPTION, false, lib));
    }

    /** {@code {"ok":true,"value":...}} or {@code {"ok":false,"error":...}}. */
    String result(Path dir, String encoding, String type, String input) throws Exception {
      Path folder = Files.createDirectories(dir.resolve(encoding));
      Files.deleteIfExists(folder.resolve("config.yaml"));
      Files.deleteIfExists(folder.resolve("flink-conf.yaml"));
      String file = encoding.equals("flink-conf") ? "flink-conf.yaml" : "config.yaml";
      String value = encoding.equals("string") ? Json.str(input) : input;
      Files.writeString(folder.resolve(file), KEY + ": " + value + "\n", StandardCharsets.UTF_8);
      try {
        Object conf = load.invoke(null, folder.toString());
        Object parsed = get.invoke(conf, option(type));
        return "{\"ok\":true,\"value\":" + (parsed == null ? "null" : Json.str(ParsedValue.render(parsed))) + "}";
      } catch (java.lang.reflect.InvocationTargetException e) {
        return "{\"ok\":false,\"error\":" + Json.str(rootMessage(e.getCause())) + "}";
      }
    }

    private Object option(String type) throws ReflectiveOperationException {
      Object builder = key.invoke(null, KEY);
      boolean list = type.startsWith("List<");
      String base = list ? type.substring(5, type.length() - 1) : type;
      Object typed = base.equals("Enum")
          ? builder.getClass().getMethod("enumType", Class.class)
              .invoke(builder, Class.forName("org.apache.flink.api.common.RuntimeExecutionMode", false, lib))
          : builder.getClass().getMethod(builderMethod(base)).invoke(builder);
      if (list) typed = typed.getClass().getMethod("asList").invoke(typed);
      return typed.getClass().getMethod("noDefaultValue").invoke(typed);
    }

    private static String builderMethod(String type) {
      switch (type) {
        case "Duration": return "durationType";
        case "MemorySize": return "memoryType";
        case "Boolean": return "booleanType";
        case "Integer": return "intType";
        case "Long": return "longType";
        case "Float": return "floatType";
        case "Double": return "doubleType";
        case "String": return "stringType";
        case "Map": return "mapType";
        default: throw new IllegalArgumentException("unknown type " + type);
      }
    }

    private static String rootMessage(Throwable t) {
      Throwable root = t;
      while (root.getCause() != null && root.getCause() != root) root = root.getCause();
      String msg = root.getMessage() == null ? "" : root.getMessage().split("\n")[0];
      return root.getClass().getSimpleName() + (msg.isEmpty() ? "" : ": " + msg);
    }
  }
}
