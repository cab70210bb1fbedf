package io.intake.ops;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.core.JsonGenerator;
import io.intake.bus.Correlation;
import java.io.IOException;
import net.logstash.logback.composite.AbstractFieldJsonProvider;

/**
 * Adds {@code correlation_id} to every JSON log line written while a request (or a bus message
 * that carries one) is being handled. The id lives in the Vert.x duplicated context, not a
 * thread-local MDC, because one event-loop thread interleaves many requests.
 */
public class CorrelationIdJsonProvider extends AbstractFieldJsonProvider<ILoggingEvent> {

  public CorrelationIdJsonProvider() {
    setFieldName(Correlation.KEY);
  }

  @Override
  public void writeTo(JsonGenerator generator, ILoggingEvent event) throws IOException {
    String id = Correlation.current();
    if (id != null) {
      generator.writeStringField(getFieldName(), id);
    }
  }
}
