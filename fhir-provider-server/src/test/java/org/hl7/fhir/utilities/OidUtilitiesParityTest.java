package org.hl7.fhir.utilities;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.hl7.fhir.exceptions.FHIRException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The provider's {@link OIDUtilities} answers what the FHIR core's own class answers, the core's loaded from its jar
 * in a class loader of its own: on every OID of the registry, and on OIDs and strings that are not in it.
 */
class OidUtilitiesParityTest {

  private static final List<String> STRINGS = List.of("1.2", "1.2.", "1..2", "3.1", "0.0", "01.2", "1", "", ".1",
      "2.999.01", "1.2.3a", "2.16.840.1.113883.6.96", "urn:oid:2.16.840.1.113883.6.1", "1.2.3.4.5.6.7.8.9.10",
      "2.25.329800735698586629295641978511506172918", "1.-2", " 1.2", "1.2 ");

  private static URLClassLoader coreLoader;
  private static Class<?> core;
  private static Object coreInstance;
  private static List<String> registry;

  @BeforeAll
  static void loadTheCoreClass() throws Exception {
    URL coreJar = FHIRException.class.getProtectionDomain().getCodeSource().getLocation();
    coreLoader = new URLClassLoader(new URL[] {coreJar}, ClassLoader.getPlatformClassLoader());
    core = Class.forName(OIDUtilities.class.getName(), true, coreLoader);
    coreInstance = core.getConstructor().newInstance();
    registry = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(
        Objects.requireNonNull(coreLoader.getResourceAsStream("oidregistry.csv")), StandardCharsets.UTF_8))) {
      reader.lines().skip(1).map(line -> line.split(",")[0].trim()).forEach(registry::add);
    }
  }

  @Test
  void theProviderLoadsItsOwnClass() {
    assertThat(core).isNotSameAs(OIDUtilities.class);
    assertThat(OIDUtilities.class.getProtectionDomain().getCodeSource().getLocation())
        .isNotEqualTo(core.getProtectionDomain().getCodeSource().getLocation());
    assertThat(registry).hasSizeGreaterThan(20_000);
  }

  @Test
  void knowsTheSameOids() throws Exception {
    OIDUtilities ours = new OIDUtilities();
    Method known = core.getMethod("isKnownOID", String.class);
    List<String> urls = new ArrayList<>();
    registry.forEach(oid -> urls.add("urn:oid:" + oid));
    STRINGS.forEach(s -> urls.add("urn:oid:" + s));
    urls.addAll(STRINGS);
    urls.add(null);
    for (String url : urls) {
      assertThat(ours.isKnownOID(url)).as(url).isEqualTo(known.invoke(coreInstance, url));
    }
    assertThat(ours.isKnownOID("urn:oid:2.16.840.1.113883.6.96")).isTrue();
  }

  @Test
  void answersTheStaticQuestionsAlike() throws Exception {
    List<String> inputs = new ArrayList<>(registry);
    inputs.addAll(STRINGS);
    for (String name : List.of("getUriForOid", "oidTail", "oidRoot", "isValidOID")) {
      Method method = core.getMethod(name, String.class);
      Method mine = OIDUtilities.class.getMethod(name, String.class);
      for (String input : inputs) {
        assertThat(mine.invoke(null, input)).as(name + "(" + input + ")").isEqualTo(method.invoke(null, input));
      }
    }
    for (String name : List.of("getUriForOid", "oidTail", "oidRoot")) {
      assertThat(OIDUtilities.class.getMethod(name, String.class).invoke(null, (Object) null)).isNull();
      assertThat(core.getMethod(name, String.class).invoke(null, (Object) null)).isNull();
    }
  }
}
