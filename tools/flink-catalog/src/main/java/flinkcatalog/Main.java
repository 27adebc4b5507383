package flinkcatalog;

import java.util.HashMap;
import java.util.Map;

/**
 * Entry point. Commands:
 * <pre>
 *   catalog --dist DIR --work DIR --flink-version V --package P --file F --sha256 H --out FILE
 *   parse-table --dist DIR --work DIR --flink-version V --inputs TSV --out FILE
 *   entrypoint-options --dist DIR --work DIR          (prints JSON)
 * </pre>
 * DIR holds the distribution's {@code lib/}, {@code opt/} and {@code plugins/}.
 */
public final class Main {
  private Main() {}

  public static void main(String[] argv) throws Exception {
    if (argv.length == 0) usage("no command");
    Map<String, String> args = new HashMap<>();
    for (int i = 1; i < argv.length; i += 2) {
      if (!argv[i].startsWith("--") || i + 1 >= argv.length) usage("bad argument " + argv[i]);
      args.put(argv[i].substring(2), argv[i + 1]);
    }
    switch (argv[0]) {
      case "catalog": CatalogCommand.run(args); break;
      case "parse-table": ParseTableCommand.run(args); break;
      case "entrypoint-options": EntrypointOptionsCommand.run(args); break;
      default: usage("unknown command " + argv[0]);
    }
  }

  static String required(Map<String, String> args, String name) {
    String v = args.get(name);
    if (v == null) usage("missing --" + name);
    return v;
  }

  private static void usage(String problem) {
    System.err.println("flink-catalog: " + problem);
    System.err.println("usage: catalog|parse-table|entrypoint-options --dist DIR --work DIR --flink-version V ... (see Main.java)");
    System.exit(2);
  }
}
