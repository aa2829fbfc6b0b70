package io.storagecatalog.api.problems;

import io.storagecatalog.api.ApiProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bodies are small JSON documents: one whose length is not declared is refused (411), one longer than
 * {@code storage-catalog.api.max-request-bytes} too (413), before a byte of it is read.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestBodyLimit extends OncePerRequestFilter {

    private final long maxBytes;

    RequestBodyLimit(ApiProperties properties) {
        this.maxBytes = properties.maxRequestBytes();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean hasBody = request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
        if (hasBody && request.getContentLengthLong() < 0) {
            refuse(response, HttpStatus.LENGTH_REQUIRED, "must be declared for a request with a body");
        } else if (request.getContentLengthLong() > maxBytes) {
            refuse(response, HttpStatus.PAYLOAD_TOO_LARGE, "must be at most " + maxBytes + " bytes");
        } else {
            chain.doFilter(request, response);
        }
    }

    private static void refuse(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter()
                .write("{\"type\":\"https://storage-catalog.io/problems/" + status.value() + "\",\"title\":\""
                        + status.getReasonPhrase() + "\",\"status\":" + status.value()
                        + ",\"detail\":\"Content-Length: " + detail + "\",\"field\":\"Content-Length\"}");
    }
}
