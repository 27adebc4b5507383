package flinkcatalog;

import java.lang.reflect.Method;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which keys are options of a table factory (connector, format, catalog, module): the keys
 * a {@code org.apache.flink.table.factories.Factory} found through the distribution's service
 * files declares as required or optional. Those belong in a table's WITH clause (or a catalog's
 * properties), not in the cluster configuration.
 */
final class TableFactoryScan {
  static final String FACTORY = "org.apache.flink.table.factories.Factory";

  /** Key -> identifiers of the factories that declare it. */
  final Map<String, TreeSet<String>> factoriesByKey = new TreeMap<>();
  /** Factory class -> why it could not be instantiated. */
  final Map<String, String> failed = new TreeMap<>();

  void scan(Iterable<ClassLoader> loaders, FlinkReflection flink) {
    Set<String> seen = new LinkedHashSet<>();
    for (ClassLoader loader : loaders) {
      Class<?> factory;
      try {
        factory = Class.forName(FACTORY, false, loader);
      } catch (ClassNotFoundException e) {
        continue;
      }
      Iterator<?> it = ServiceLoader.load(factory, loader).iterator();
      while (true) {
        Object f;
        try {
          if (!it.hasNext()) break;
          f = it.next();
        } catch (ServiceConfigurationError e) {
          failed.put(String.valueOf(e.getMessage()).split("\n")[0], "ServiceConfigurationError");
          continue;
        }
        if (seen.add(f.getClass().getName())) record(factory, f, flink);
      }
    }
  }

  private void record(Class<?> factory, Object f, FlinkReflection flink) {
    try {
      String id = (String) factory.getMethod("factoryIdentifier").invoke(f);
      for (String method : new String[] {"requiredOptions", "optionalOptions"}) {
        Method m = factory.getMethod(method);
        for (Object option : (Set<?>) m.invoke(f)) {
          factoriesByKey.computeIfAbsent(flink.key(option), k -> new TreeSet<>()).add(id);
        }
      }
    } catch (Throwable t) {
      Throwable root = t;
      while (root.getCause() != null) root = root.getCause();
      failed.put(f.getClass().getName(), root.getClass().getSimpleName() + ": " + root.getMessage());
    }
  }
}
