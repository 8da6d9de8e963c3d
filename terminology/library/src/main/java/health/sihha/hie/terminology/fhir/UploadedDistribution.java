package health.sihha.hie.terminology.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import health.sihha.hie.interceptors.Codes;
import jakarta.annotation.Nullable;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;

/**
 * A terminology distribution sent to {@code CodeSystem/$load}: either the file itself as the request body
 * ({@code ?system=icd10cm&filename=icd10cm_order_2022.txt}), or a FHIR {@code Parameters} with {@code system},
 * {@code version} and a {@code file} attachment, as HAPI's own upload operation takes it.
 */
record UploadedDistribution(String loader, @Nullable String version, String fileName, InputStream content) {

  /** The body as HAPI read it (the request size limit has been checked on it), and the query parameters. */
  static UploadedDistribution from(RequestDetails request, FhirContext fhirContext) {
    String contentType = request.getHeader("Content-Type") == null ? "" : request.getHeader("Content-Type");
    byte[] body = request.loadRequestContents();
    if (contentType.contains("json") || contentType.contains("xml")) {
      return fromParameters(body, fhirContext, contentType.contains("xml"));
    }
    String loader = required(query(request, "system"), "system");
    String fileName = query(request, "filename");
    return new UploadedDistribution(loader, query(request, "version"), fileName == null ? loader : fileName,
        new ByteArrayInputStream(body));
  }

  @Nullable
  private static String query(RequestDetails request, String name) {
    String[] values = request.getParameters().get(name);
    return values == null || values.length == 0 ? null : values[0];
  }

  private static UploadedDistribution fromParameters(byte[] body, FhirContext fhirContext, boolean xml) {
    Parameters parameters;
    try {
      String text = new String(body, StandardCharsets.UTF_8);
      parameters = (xml ? fhirContext.newXmlParser() : fhirContext.newJsonParser())
          .parseResource(Parameters.class, text);
    } catch (DataFormatException e) {
      throw new InvalidRequestException(Codes.of(1370) + "the body is not a valid Parameters resource: "
          + e.getMessage());
    }
    String loader = required(primitive(parameters, "system"), "system");
    ParametersParameterComponent file = parameters.getParameter("file");
    if (file == null || !(file.getValue() instanceof Attachment attachment) || !attachment.hasData()) {
      throw new InvalidRequestException(Codes.of(1371) + "give the distribution as a 'file' attachment with its"
          + " content in 'data' (base64) and its file name in 'url' or 'title'");
    }
    String fileName = attachment.hasUrl() ? attachment.getUrl() : attachment.hasTitle() ? attachment.getTitle() : loader;
    return new UploadedDistribution(loader, primitive(parameters, "version"), fileName,
        new ByteArrayInputStream(attachment.getData()));
  }

  @Nullable
  private static String primitive(Parameters parameters, String name) {
    ParametersParameterComponent parameter = parameters.getParameter(name);
    return parameter == null || parameter.getValue() == null ? null : parameter.getValue().primitiveValue();
  }

  private static String required(@Nullable String value, String name) {
    if (value == null || value.isBlank()) {
      throw new InvalidRequestException(Codes.of(1372) + "'" + name + "' is required: the loader to use, one of"
          + " icd10cm, loinc, rxnorm, ucum");
    }
    return value;
  }
}
