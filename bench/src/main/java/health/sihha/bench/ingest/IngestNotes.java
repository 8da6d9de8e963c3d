package health.sihha.bench.ingest;

import java.util.List;

/** What a reader of an ingest report needs to know: what each variant runs, and how the comparisons differ. */
final class IngestNotes {

  private IngestNotes() {}

  /** @param issuer the Keycloak realm whose tokens the provider and the ministry took */
  static List<String> of(String issuer) {
    return List.of(
        "**stock HAPI, no validation**: the bench jar's `StockHapiServer`, HAPI JPA R4 with `new JpaStorageSettings()`,"
            + " no subscription types, no interceptors, Hibernate Search off (as in HAPI's JPA server starter),"
            + " the same database settings and connection pool as the Sihha servers; it takes no token.",
        "**stock HAPI validating**: the same server with its `validating` profile (`stock-hapi.yaml`,"
            + " `StockValidationConfig`): HAPI's `RequestValidatingInterceptor` with a `FhirInstanceValidator`"
            + " (unknown extensions allowed, unknown profiles an error, no schema or schematron pass, as the"
            + " provider's) over HAPI's JPA validation support chain (`DefaultProfileValidationSupport`, the JPA"
            + " resources and terminology, snapshot generation, `InMemoryTerminologyServerValidationSupport`,"
            + " `CommonCodeSystemsTerminologyService`) with the Sihha IG package added: the provider's chain is"
            + " that same chain with the same IG package added and its terminology replica first.",
        "**provider, validation off**: the `fhir-provider-server` jar with `--sihha.provider.validation.enabled=false`"
            + " and everything else on (security, audit, ledger, outbox, the coded-element check, HAPI's"
            + " subscription matching). Its notifications go to a port nothing listens on: they fail and are"
            + " retried with backoff. It has no live ministry because its comparison is with stock HAPI, which runs"
            + " alone: a ministry applying the notifications would take a share of the same 2 cores.",
        "**provider, ledger off**: `--sihha.provider.ledger.enabled=false` (no versions queued or anchored), a live"
            + " ministry as for everything on, so that the two loads of the ledger's ratio differ by the ledger"
            + " alone. A provider built before that property existed ignores it and runs its ledger.",
        "**provider, everything on**: the provider as built, with its own defaults (validation, security, audit,"
            + " ledger, outbox), delivering to a live ministry: the `fhir-ministry-server` jar, started before"
            + " the provider on its own empty database, security on, the provider its only registered provider."
            + " The ministry's CPU time during the timed load is in the loads table: it shares the machine.",
        "Security: the provider and the ministry take only SMART tokens of realm `" + issuer + "` (Keycloak on"
            + " the same machine); the loader sends SMART Backend Services tokens of `sihha-backend`"
            + " (`system/*.cruds`), the provider's notifications carry client-credentials tokens of `provider-a`.",
        "Validation differs where no HAPI setting matches the provider. Where: HAPI validates each request body"
            + " once, as sent (a transaction Bundle with its `urn:uuid:` references); the provider validates each"
            + " resource as it is stored, after HAPI resolved the transaction, and also what the server writes"
            + " itself (AuditEvents). Against what: both validate against the core specification and the profiles a"
            + " resource declares (Synthea declares none); the provider also validates each resource against the IG"
            + " profile its content selects (a patient, an encounter, a lab result...), stock HAPI against none.",
        "Malformed UCUM units: the provider accepts them with a warning (`sihha.terminology.replica.invalid-units:"
            + " WARN`) except on lab results; stock HAPI validating drops HAPI's errors about malformed UCUM units"
            + " on every resource (HAPI's `ValidationMessageSuppressingInterceptor`, `stock-hapi.validation."
            + "suppressed-messages`). Synthea writes `(score)` for `{score}`.",
        "Terminology: neither side has the national terminology here. The provider's and the ministry's replicas"
            + " follow a port nothing listens on, so they hold nothing but UCUM's grammar; stock HAPI has HAPI's"
            + " built-in terminology (UCUM, languages, MIME types, the core and IG code systems and value sets),"
            + " which the provider's chain has too. Codes of LOINC, SNOMED CT and RxNorm are checked by neither."
            + " HAPI's `RemoteTerminologyServiceValidationSupport` is no equivalent of the replica: it makes an"
            + " error of every `$validate-code` answer `result=false`, which the Sihha terminology server (like the"
            + " replica) gives, as a warning, for a code it does not hold of a code system it holds in part (LOINC's"
            + " 2,000 common lab results, RxNorm's prescribable drugs).",
        "resources/s = entries of the timed bundles / wall seconds from the first request to the last response;"
            + " the loader runs in the benchmark's JVM on the same machine, so the client's CPU is counted against"
            + " every variant alike.",
        "Flight recordings (`--jfr true`): the provider's JVM runs with `-XX:StartFlightRecording=...,settings=profile`"
            + " and `-XX:FlightRecorderOptions=stackdepth=" + IngestCommands.STACK_DEPTH + "`, from start to exit;"
            + " recording costs the provider loads a little that the stock loads do not pay.",
        "Nothing was tuned for the benchmark; the load average columns show how busy the machine was around each"
            + " timed load.");
  }
}
