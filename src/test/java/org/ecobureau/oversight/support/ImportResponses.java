package org.ecobureau.oversight.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** Uploads and the documented error body of the import endpoints (catalogue, ledger). */
public final class ImportResponses {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ImportResponses() {}

  /** A multipart form with the file under field {@code file}, named as the user's file was. */
  public static HttpEntity<MultiValueMap<String, Object>> multipart(String fileName, byte[] content) {
    MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
    form.add("file", new ByteArrayResource(content) {
      @Override
      public String getFilename() {
        return fileName;
      }
    });
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return new HttpEntity<>(form, headers);
  }

  public static JsonNode body(ResponseEntity<String> response) {
    try {
      return JSON.readTree(response.getBody());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + response.getBody(), e);
    }
  }

  /** Asserts a 400 with the documented error body and returns its errors. */
  public static JsonNode rejected(ResponseEntity<String> response) {
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
    JsonNode body = body(response);
    assertThat(body.get("message").asText()).contains("未作任何修改");
    JsonNode errors = body.get("errors");
    assertThat(errors.isArray()).isTrue();
    assertThat(errors).isNotEmpty();
    errors.forEach(e -> assertThat(e.has("file") && e.has("row") && e.has("column") && e.has("reason"))
        .as("error fields of %s", e).isTrue());
    return errors;
  }

  public static void assertError(JsonNode error, String file, int row, String column, String reasonPart) {
    assertThat(error.get("file").asText()).isEqualTo(file);
    assertThat(error.get("row").asInt()).as("row of %s", error).isEqualTo(row);
    assertThat(error.get("column").asText()).as("column of %s", error).isEqualTo(column);
    assertThat(error.get("reason").asText()).as("reason of %s", error).contains(reasonPart);
  }

  /** The error reported at this row and column. */
  public static JsonNode find(JsonNode errors, int row, String column) {
    for (JsonNode e : errors) {
      if (e.get("row").asInt() == row && column.equals(e.get("column").asText())) {
        return e;
      }
    }
    throw new AssertionError("no error at row " + row + " column " + column + " in " + errors);
  }
}
