package health.sihha.bench.terminology;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One request of a workload and what a correct answer is. An error is a transport failure or an unexpected status;
 * a wrong answer is a {@code $validate-code} result that contradicts the table.
 *
 * @param operation the operation measured, such as {@code $expand}
 * @param relative the path and encoded query, relative to the FHIR base
 * @param expect what the answer must be
 */
record Probe(String operation, String relative, Expect expect) {

  static final String VALUE_SET_URL = "http://sihha.health/fhir/ValueSet/bench-icd10cm-all";
  private static final Pattern RESULT =
      Pattern.compile("\"name\"\\s*:\\s*\"result\"\\s*,\\s*\"valueBoolean\"\\s*:\\s*(true|false)");

  /** What a correct answer is. */
  enum Expect {
    /** HTTP 200. */
    OK,
    /** HTTP 4xx: the code does not exist. */
    CLIENT_ERROR,
    /** HTTP 200 with {@code result = true}. */
    VALID,
    /** HTTP 200 with {@code result = false}. */
    INVALID
  }

  static Probe expand(String prefix) {
    return new Probe("ValueSet $expand", "ValueSet/$expand?url=" + encode(VALUE_SET_URL) + "&filter=" + encode(prefix)
        + "&count=10", Expect.OK);
  }

  static Probe lookup(String code, boolean exists) {
    return new Probe("CodeSystem $lookup", "CodeSystem/$lookup?system=" + encode(Icd10CmCode.SYSTEM) + "&code="
        + encode(code), exists ? Expect.OK : Expect.CLIENT_ERROR);
  }

  static Probe validateInCodeSystem(String code, boolean exists) {
    return new Probe("CodeSystem $validate-code", "CodeSystem/$validate-code?url=" + encode(Icd10CmCode.SYSTEM)
        + "&code=" + encode(code), exists ? Expect.VALID : Expect.INVALID);
  }

  static Probe validateInValueSet(String code, boolean exists) {
    return new Probe("ValueSet $validate-code", "ValueSet/$validate-code?url=" + encode(VALUE_SET_URL) + "&system="
        + encode(Icd10CmCode.SYSTEM) + "&code=" + encode(code), exists ? Expect.VALID : Expect.INVALID);
  }

  /** Whether the status is the expected one; a transport failure is passed as status 0. */
  boolean statusOk(int status) {
    return expect == Expect.CLIENT_ERROR ? status >= 400 && status < 500 : status == 200;
  }

  /** Whether an answer with the expected status says the right thing. */
  boolean answerRight(String body) {
    if (expect != Expect.VALID && expect != Expect.INVALID) {
      return true;
    }
    Matcher result = RESULT.matcher(body);
    return result.find() && Boolean.parseBoolean(result.group(1)) == (expect == Expect.VALID);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
