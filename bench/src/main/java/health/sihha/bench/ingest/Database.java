package health.sihha.bench.ingest;

import health.sihha.bench.run.PostgresDatabases;
import java.util.Arrays;
import java.util.List;

/** Where the servers of a load store their data. */
enum Database {

  /** An H2 file database in the server's fresh data folder, the servers' default. */
  H2("h2", "H2 file"),

  /**
   * The local PostgreSQL ({@code postgres} profile), one database per server, {@code sihha_bench_ingest_<server>},
   * created beforehand (bench README) and emptied before each load.
   */
  POSTGRES("postgres", "PostgreSQL");

  /** The servers that store to a database of their own. */
  static final String STOCK = "stock";
  static final String PROVIDER = "provider";
  static final String MINISTRY = "ministry";
  static final List<String> SERVERS = List.of(STOCK, PROVIDER, MINISTRY);

  private final String option;
  private final String label;

  Database(String option, String label) {
    this.option = option;
    this.label = label;
  }

  /** The databases named in a {@code --databases} list (comma-separated), in this enum's order. */
  static List<Database> parse(String options) {
    List<String> names = Arrays.stream(options.split(",")).map(String::trim).toList();
    for (String name : names) {
      if (Arrays.stream(values()).noneMatch(d -> d.option.equals(name))) {
        throw new IllegalArgumentException("unknown database " + name + "; known: h2,postgres");
      }
    }
    return Arrays.stream(values()).filter(d -> names.contains(d.option)).toList();
  }

  /** The PostgreSQL database of one of {@link #SERVERS}. */
  static String postgresName(String server) {
    return "sihha_bench_ingest_" + server;
  }

  String option() {
    return option;
  }

  String label() {
    return label;
  }

  /** The Spring profiles this database needs. */
  List<String> profiles() {
    return this == POSTGRES ? List.of("postgres") : List.of();
  }

  /** The command-line properties that point {@code server} at its database. */
  List<String> arguments(String server) {
    return this == POSTGRES
        ? List.of("--spring.datasource.url=" + PostgresDatabases.url(postgresName(server)))
        : List.of();
  }
}
