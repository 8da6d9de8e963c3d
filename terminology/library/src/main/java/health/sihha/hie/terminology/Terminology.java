package health.sihha.hie.terminology;

import health.sihha.hie.terminology.expand.ExpansionLimits;
import health.sihha.hie.terminology.expand.ValueSetExpander;
import health.sihha.hie.terminology.grammar.GrammarCodeSystems;
import health.sihha.hie.terminology.lookup.CodeLookup;
import health.sihha.hie.terminology.registry.TerminologyRegistry;
import health.sihha.hie.terminology.subsumes.SubsumptionTester;
import health.sihha.hie.terminology.translate.ConceptTranslator;
import health.sihha.hie.terminology.validate.CodeValidator;

/**
 * The terminology services of one server, over one registry: what the terminology server exposes over REST and what
 * the provider and ministry servers use in-process as their replica.
 */
public record Terminology(TerminologyRegistry registry, ValueSetExpander expander, CodeLookup lookup,
    CodeValidator validator, SubsumptionTester subsumption, ConceptTranslator translator) {

  public static Terminology over(TerminologyRegistry registry, GrammarCodeSystems grammars, ExpansionLimits limits) {
    return new Terminology(registry, new ValueSetExpander(limits), new CodeLookup(grammars),
        new CodeValidator(grammars), new SubsumptionTester(), new ConceptTranslator());
  }
}
