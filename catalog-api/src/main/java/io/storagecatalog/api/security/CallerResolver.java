package io.storagecatalog.api.security;

import io.storagecatalog.api.ApiProperties;
import io.storagecatalog.api.problems.ApiException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Resolves a controller's {@link Caller} parameter from the verified token of the request. */
@Component
class CallerResolver implements HandlerMethodArgumentResolver {

    // A correlation id is echoed into the trail: printable ASCII, bounded, never a value to interpret.
    private static final Pattern CORRELATION_ID = Pattern.compile("[A-Za-z0-9._:/-]{1,128}");

    private final String operatorAuthority;

    CallerResolver(ApiProperties properties) {
        this.operatorAuthority = "SCOPE_" + properties.jwt().operatorScope();
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType().equals(Caller.class);
    }

    @Override
    public Caller resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest,
            WebDataBinderFactory binderFactory) {
        if (!(SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token)) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "Authorization", "a bearer token is required");
        }
        UUID user;
        try {
            user = UUID.fromString(token.getToken().getSubject());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ApiException(HttpStatus.FORBIDDEN, "sub", "the token's subject must be a user id (a uuid)");
        }
        boolean operator = token.getAuthorities().stream().anyMatch(a -> operatorAuthority.equals(a.getAuthority()));
        String correlationId = webRequest.getHeader("X-Correlation-Id");
        if (correlationId != null && !CORRELATION_ID.matcher(correlationId).matches()) {
            throw new ApiException(
                    HttpStatus.BAD_REQUEST,
                    "X-Correlation-Id",
                    "must be 1 to 128 characters of letters, digits and . _ : / -");
        }
        return new Caller(user, operator, correlationId);
    }
}
