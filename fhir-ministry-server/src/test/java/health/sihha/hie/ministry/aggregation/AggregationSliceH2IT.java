package health.sihha.hie.ministry.aggregation;

import java.util.List;

/** The aggregation slice on the embedded defaults: H2 files and Lucene on local disk. */
class AggregationSliceH2IT extends AggregationSliceIT {

  @Override
  List<String> ministryArgs() {
    return List.of();
  }

  @Override
  List<String> providerArgs() {
    return List.of();
  }

  @Override
  String variant() {
    return "h2";
  }
}
