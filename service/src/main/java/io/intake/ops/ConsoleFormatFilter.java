package io.intake.ops;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Lets events through the console appender of the format {@link LogFormat} chose, and no other.
 * Both appenders stay attached (logback warns about, and then prints its whole status for, an
 * appender defined but not referenced); the choice is read once, when the configuration starts.
 */
public final class ConsoleFormatFilter extends Filter<ILoggingEvent> {

  private String format = "JSON";
  private boolean chosen;

  /** Set from logback.xml: {@code TEXT} or {@code JSON}. */
  public void setFormat(String format) {
    this.format = format;
  }

  @Override
  public void start() {
    chosen = format.equalsIgnoreCase(System.getProperty(LogFormat.PROPERTY, "JSON"));
    super.start();
  }

  @Override
  public FilterReply decide(ILoggingEvent event) {
    return chosen ? FilterReply.NEUTRAL : FilterReply.DENY;
  }
}
