package health.sihha.hie.provider.beds;

import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Bed management settings.
 *
 * @param vacatedStatus the v2-0116 status a bed takes when its patient leaves it (discharge or transfer): {@code H}
 *     housekeeping by default (to be cleaned before the next admission), or {@code U}, {@code C}, {@code K},
 *     {@code I}; never {@code O}
 */
@Validated
@ConfigurationProperties("sihha.provider.beds")
public record BedProperties(@DefaultValue("H") @Pattern(regexp = "[HUCKI]") String vacatedStatus) {

  BedStatus vacated() {
    return BedStatus.ofCode(vacatedStatus);
  }
}
