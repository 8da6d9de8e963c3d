package health.sihha.hie.provider.stock;

import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import java.time.Clock;
import java.util.Date;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Flag.FlagStatus;
import org.hl7.fhir.r4.model.Reference;

/**
 * The stock Flags, written through HAPI's DAO as the system. Each carries an identifier naming its condition, batch
 * and location, so the job finds the active one for each and never raises a second.
 */
final class StockFlags {

  private final IFhirResourceDao<Flag> flags;
  private final Clock clock;

  StockFlags(IFhirResourceDao<Flag> flags, Clock clock) {
    this.flags = flags;
    this.clock = clock;
  }

  /** The active stock Flags by identifier value. */
  Map<String, Flag> active() {
    SearchParameterMap search = SearchParameterMap.newSynchronous()
        .add(Flag.SP_IDENTIFIER, new TokenParam(StockFhir.FLAG_IDENTIFIERS, null))
        .add(FlagSearchParameters.STATUS, new TokenParam(FlagStatus.ACTIVE.toCode()));
    return flags.searchForResources(search, new SystemRequestDetails()).stream()
        .filter(flag -> flag.getStatus() == FlagStatus.ACTIVE)
        .collect(Collectors.toMap(StockFlags::identifier, Function.identity(), (a, b) -> a));
  }

  void raise(StockFlag condition, StockKey key, String text) {
    Flag flag = new Flag();
    flag.addIdentifier().setSystem(StockFhir.FLAG_IDENTIFIERS).setValue(condition.identifierFor(key));
    flag.setStatus(FlagStatus.ACTIVE);
    flag.addCategory().addCoding().setSystem(StockFhir.FLAG_CATEGORY).setCode("admin").setDisplay("Administrative");
    flag.getCode().setText(text).addCoding().setSystem(StockFhir.FLAG_CODES).setCode(condition.code())
        .setDisplay(condition.display());
    flag.setSubject(new Reference(key.medication()));
    flag.addExtension(StockFhir.STOCK_LOCATION, new Reference(key.location()));
    flag.getPeriod().setStart(Date.from(clock.instant()));
    flags.create(flag, new SystemRequestDetails());
  }

  void clear(Flag flag) {
    flag.setStatus(FlagStatus.INACTIVE);
    flag.getPeriod().setEnd(Date.from(clock.instant()));
    flags.update(flag, new SystemRequestDetails());
  }

  private static String identifier(Flag flag) {
    return flag.getIdentifier().stream().filter(i -> StockFhir.FLAG_IDENTIFIERS.equals(i.getSystem())).findFirst()
        .orElseThrow().getValue();
  }
}
