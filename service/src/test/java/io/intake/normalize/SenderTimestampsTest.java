package io.intake.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SenderTimestampsTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      2015-07-17T08:42:58.315+0000          | 2015-07-17T08:42:58.315Z
      2015-07-17T08:42:58.315+00:00         | 2015-07-17T08:42:58.315Z
      2015-07-17T08:42:58.315Z              | 2015-07-17T08:42:58.315Z
      2015-07-17t08:42:58.315z              | 2015-07-17T08:42:58.315Z
      2015-07-17T08:42:58Z                  | 2015-07-17T08:42:58Z
      2015-07-17T08:42Z                     | 2015-07-17T08:42:00Z
      2015-07-17T08:42:58.3Z                | 2015-07-17T08:42:58.300Z
      2015-07-17T08:42:58.123456789Z        | 2015-07-17T08:42:58.123456789Z
      2015-07-17T08:42:58.123456+00:00      | 2015-07-17T08:42:58.123456Z
      2015-07-17T08:42:58,5Z                | 2015-07-17T08:42:58.500Z
      2015-07-17 08:42:58.315+00:00         | 2015-07-17T08:42:58.315Z
      2015-07-17 08:42:58+00                | 2015-07-17T08:42:58Z
      2015-07-17T10:42:58.315+0200          | 2015-07-17T08:42:58.315Z
      2015-07-17T03:42:58-05:00             | 2015-07-17T08:42:58Z
      2015-07-17T08:42:58-00:00             | 2015-07-17T08:42:58Z
      2024-11-27T10:15:30.000+0000          | 2024-11-27T10:15:30Z
      '  2015-07-17T08:42:58Z  '            | 2015-07-17T08:42:58Z
      """)
  void iso_spellings_that_senders_use(String text, String expected) {
    assertThat(SenderTimestamps.parse(text)).contains(Instant.parse(expected));
    assertThat(SenderTimestamps.parseIsoOrEpoch(text)).contains(Instant.parse(expected));
    assertThat(SenderTimestamps.parseUtcDefault(text)).contains(Instant.parse(expected));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      1406662672000         | 2014-07-29T19:37:52Z
      1795341600000         | 2026-11-22T10:00:00Z
      1406662672            | 2014-07-29T19:37:52Z
      1406662672.25         | 2014-07-29T19:37:52.250Z
      """)
  void epoch_seconds_and_milliseconds_where_a_vendor_documents_them(String text, String expected) {
    assertThat(SenderTimestamps.parseIsoOrEpoch(text)).contains(Instant.parse(expected));
    assertThat(SenderTimestamps.parse(text)).as("not where only ISO is documented").isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      2015-07-17T08:42:58.315 | 2015-07-17T08:42:58.315Z
      2015-07-17 08:42:58     | 2015-07-17T08:42:58Z
      """)
  void without_an_offset_only_where_the_contract_says_utc(String text, String expected) {
    assertThat(SenderTimestamps.parseUtcDefault(text)).contains(Instant.parse(expected));
    assertThat(SenderTimestamps.parse(text)).isEmpty();
    assertThat(SenderTimestamps.parseIsoOrEpoch(text)).isEmpty();
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {
      "", "   ", "yesterday", "2015-07-17", "2015-13-17T08:42:58Z", "2015-02-30T08:42:58Z", "2015-07-17T25:00:00Z",
      "2015-07-17T08:42:58.1234567890Z", "2015-07-17T08:42:58 UTC", "2015-07-17T08:42:58+5", "2015-07-17T08:42:58+25:00",
      "17/07/2015 08:42:58", "Fri, 17 Jul 2015 08:42:58 GMT", "2015-07-17T08:42:58.Z", "12345", "1406662672000000",
      "-1406662672", "0x5A", "2015-07-17T08:42:58Z trailing"})
  void genuinely_unparseable_values_are_refused(String text) {
    assertThat(SenderTimestamps.parse(text)).isEmpty();
    assertThat(SenderTimestamps.parseIsoOrEpoch(text)).isEmpty();
    assertThat(SenderTimestamps.parseUtcDefault(text)).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void null_is_empty() {
    assertThat(SenderTimestamps.parse(null)).isEmpty();
    assertThat(SenderTimestamps.parseIsoOrEpoch(null)).isEmpty();
    assertThat(SenderTimestamps.parseUtcDefault(null)).isEmpty();
  }
}
