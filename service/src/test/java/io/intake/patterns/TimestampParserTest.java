package io.intake.patterns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimestampParserTest {

  // The hand-written ISO path must give the regex's answer at every position, including the shapes it hands back.
  @Test
  void isoFastPathAgreesWithTheRegexEverywhere() {
    String[] lines = {
        "2015-07-29 17:41:44,747 - INFO x", "2015-07-29 17:41:44,747Z", "2015-07-29T17:41:44.1234567890 a",
        "2015-07-29 17:41:44 +0200 a", "2015-07-29 17:41:44 UTC", "2015-07-29 17:41:44, Info x",
        "2015-07-29 17:41:44:12 x", "2015-07-29 17:41:44.x", "2015-13-29 17:41:44 x", "2015-02-30 17:41:44 x",
        "2015-07-29 17:41:44a", "2015-07-29 17:41:44: x", "2015-07-29 25:41:44 x", "2015-07-29 17:41:44",
        "2015-07-29T17:41:44-07:00 x", "1999-01-01 00:00:00.5]", "2015-07-29 17:41:44 GMT+1",
        "2015-07-29T17:41:44.123+05:30 x", "2015-07-29T17:41:44.123 -05:30]", "2015-07-29T17:41:44.123 +1 x",
        "2015-07-29 17:41:44 +25:00 x", "2015-07-29 17:41:44 -05:99 x", "2015-07-29 17:41:44UTC x",
        "2015-07-29 17:41:44 UTCx", "2015-07-29 17:41:44\tGMT|", "2015-07-29 17:41:44.123Z\tE",
        "2015-07-29 17:41:44+05:3", "2015-07-29 17:41:44 +", "2015-07-29 17:41:44  UTC", "2015-07-29 17:41:44 -x"};
    TimestampParser parser = new TimestampParser(2024);
    for (String line : lines) {
      for (int i = 0; i < line.length(); i++) {
        assertEquals(parser.atByRegex(line, i), parser.at(line, i), line + " at " + i);
      }
    }
  }

  @Test
  void readsZoneOnTheFastPath() {
    TimestampParser.Match m = new TimestampParser(2024).at("2015-07-29T17:41:44.123+05:30 x", 0);
    assertNotNull(m);
    assertEquals(29, m.end());
    assertEquals(Instant.parse("2015-07-29T12:11:44.123Z"), m.instant());
  }
}
