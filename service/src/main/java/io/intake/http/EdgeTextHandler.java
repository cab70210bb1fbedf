package io.intake.http;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.SecurityPolicyHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@link TextPolicy} for the parts of a request that are not its body: path parameters and query
 * parameter names and values, decoded, on every route ({@link Routes}). A query string that is not
 * valid percent-encoding is refused here too, once, instead of by whichever handler reads it.
 */
final class EdgeTextHandler implements SecurityPolicyHandler {

  @Override
  public void handle(RoutingContext ctx) {
    List<FieldError> errors = new ArrayList<>();
    MultiMap query;
    try {
      query = ctx.queryParams();
    } catch (RuntimeException e) {
      ctx.fail(ApiError.invalid("query", "encoding", "the query string is not valid percent-encoded UTF-8"));
      return;
    }
    for (Map.Entry<String, String> param : query) {
      String name = param.getKey().replace("\u0000", "\\u0000");
      if (!TextPolicy.acceptable(param.getKey())) {
        errors.add(new FieldError(name, TextPolicy.RULE, "query parameter name " + TextPolicy.MESSAGE));
      } else if (!TextPolicy.acceptable(param.getValue())) {
        errors.add(TextPolicy.violation(name));
      }
    }
    ctx.pathParams().forEach((name, value) -> {
      if (!TextPolicy.acceptable(value)) {
        errors.add(TextPolicy.violation(name));
      }
    });
    if (!errors.isEmpty()) {
      ctx.fail(ApiError.invalid(errors.size() > TextPolicy.MAX_REPORTED
          ? errors.subList(0, TextPolicy.MAX_REPORTED) : errors));
      return;
    }
    ctx.next();
  }
}
