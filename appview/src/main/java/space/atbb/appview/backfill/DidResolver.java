package space.atbb.appview.backfill;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * Where a repository lives: {@code did:plc} through the PLC directory ({@code GET {PLC_URL}/{did}}),
 * {@code did:web:HOST} through {@code https://HOST/.well-known/did.json}. The PDS is the service
 * {@code #atproto_pds} of type {@code AtprotoPersonalDataServer}; the handle is the {@code at://}
 * entry of {@code alsoKnownAs}.
 */
final class DidResolver {
    private static final String PDS_ID = "#atproto_pds";
    private static final String PDS_TYPE = "AtprotoPersonalDataServer";

    /** @param handle the account's handle, when its document names one */
    record Repository(String did, URI pds, Optional<String> handle) {
    }

    private final Xrpc xrpc;
    private final URI plcUrl;
    private final String webScheme;

    /**
     * @param webScheme {@code https} on the network; tests serving did:web documents on
     *                  127.0.0.1 pass {@code http} (a did:web host may carry a port, {@code %3A}-encoded)
     */
    DidResolver(Xrpc xrpc, URI plcUrl, String webScheme) {
        this.xrpc = xrpc;
        this.plcUrl = plcUrl;
        this.webScheme = webScheme;
    }

    Repository resolve(String did) throws RepositoryUnavailable, InterruptedException {
        JsonNode document;
        try {
            document = xrpc.get(documentUri(did));
        } catch (RepositoryUnavailable e) {
            throw new RepositoryUnavailable("DID " + did + " does not resolve: " + e.getMessage(), e);
        }
        if (!did.equals(document.path("id").asText())) {
            throw new RepositoryUnavailable("DID document of " + did + " is for '" + document.path("id").asText() + "'");
        }
        return new Repository(did, pds(did, document), handle(document));
    }

    private URI documentUri(String did) throws RepositoryUnavailable {
        if (did.startsWith("did:plc:")) {
            return Xrpc.uri(plcUrl, "/" + did, Map.of());
        }
        if (did.startsWith("did:web:")) {
            String host = URLDecoder.decode(did.substring("did:web:".length()), StandardCharsets.UTF_8);
            if (host.contains("/") || host.contains(":") && !host.matches("[^:]+:\\d+")) {
                throw new RepositoryUnavailable("DID " + did + " does not resolve: did:web with a path is not supported");
            }
            return URI.create(webScheme + "://" + host + "/.well-known/did.json");
        }
        throw new RepositoryUnavailable("DID " + did + " does not resolve: only did:plc and did:web are supported");
    }

    private static URI pds(String did, JsonNode document) throws RepositoryUnavailable {
        for (JsonNode service : document.path("service")) {
            String id = service.path("id").asText();
            if ((id.equals(PDS_ID) || id.equals(did + PDS_ID)) && PDS_TYPE.equals(service.path("type").asText())) {
                try {
                    URI endpoint = URI.create(service.path("serviceEndpoint").asText());
                    if (endpoint.getHost() != null
                            && ("https".equals(endpoint.getScheme()) || "http".equals(endpoint.getScheme()))) {
                        return endpoint;
                    }
                } catch (IllegalArgumentException e) {
                    // Reported below, with the document's other faults.
                }
            }
        }
        throw new RepositoryUnavailable("DID document of " + did + " names no usable " + PDS_ID + " service of type "
                + PDS_TYPE);
    }

    private static Optional<String> handle(JsonNode document) {
        for (JsonNode alias : document.path("alsoKnownAs")) {
            String text = alias.asText();
            if (text.startsWith("at://") && text.length() > "at://".length()) {
                return Optional.of(text.substring("at://".length()));
            }
        }
        return Optional.empty();
    }
}
