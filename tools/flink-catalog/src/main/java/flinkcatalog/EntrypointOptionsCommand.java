package flinkcatalog;

import java.lang.reflect.Constructor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * {@code entrypoint-options}: the command-line options Flink's entry points parse (standalone-job,
 * jobmanager/session, taskmanager), read from the parser factories of the distribution. Prints JSON.
 */
final class EntrypointOptionsCommand {
  private static final String[] FACTORIES = {
    "org.apache.flink.container.entrypoint.StandaloneApplicationClusterConfigurationParserFactory",
    "org.apache.flink.runtime.entrypoint.EntrypointClusterConfigurationParserFactory",
    "org.apache.flink.runtime.entrypoint.ClusterConfigurationParserFactory",
    "org.apache.flink.runtime.entrypoint.ModifiableClusterConfigurationParserFactory",
  };

  private EntrypointOptionsCommand() {}

  static void run(Map<String, String> args) throws Exception {
    Distribution d = new Distribution(Path.of(Main.required(args, "dist")), Path.of(Main.required(args, "work")));
    List<String> parts = new ArrayList<>();
    for (String name : FACTORIES) {
      Class<?> factory;
      try {
        factory = Class.forName(name, true, d.lib);
      } catch (ClassNotFoundException e) {
        continue;
      }
      Constructor<?> c = factory.getDeclaredConstructor();
      c.setAccessible(true);
      Object options = factory.getMethod("getOptions").invoke(c.newInstance());
      List<String> rendered = new ArrayList<>();
      for (Object o : (Collection<?>) options.getClass().getMethod("getOptions").invoke(options)) {
        rendered.add("{\"opt\":" + str(o, "getOpt") + ",\"longOpt\":" + str(o, "getLongOpt")
            + ",\"hasArg\":" + o.getClass().getMethod("hasArg").invoke(o)
            + ",\"description\":" + str(o, "getDescription") + "}");
      }
      rendered.sort(null);
      parts.add(Json.str(name) + ":[" + String.join(",", rendered) + "]");
    }
    System.out.println("{" + String.join(",\n", parts) + "}");
  }

  private static String str(Object o, String getter) throws ReflectiveOperationException {
    Object v = o.getClass().getMethod(getter).invoke(o);
    return v == null ? "null" : Json.str(v.toString());
  }
}
