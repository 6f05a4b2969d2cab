package com.truffle.gateway.adapter.in.http;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.Paths;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import com.truffle.gateway.domain.routing.CredentialType;
import com.truffle.gateway.domain.routing.GatewayRoutes;
import com.truffle.gateway.domain.routing.RequiredAccess;
import com.truffle.gateway.domain.routing.Route;

/**
 * The gateway's OpenAPI document, generated from the route table (mp.openapi.filter), so the docs can never list a
 * route the gateway does not forward or miss one it does: each operation with its credential, required permission
 * and the answers the gateway itself gives. Request and response bodies are the services' (their own OpenAPI). The
 * pages (routes a browser session takes) are left out: they are not part of the API.
 */
public class RouteTableOpenApi implements OASFilter {

    private static final Pattern VARIABLE = Pattern.compile("\\{([a-zA-Z0-9_]+)}");
    private static final Map<CredentialType, String> SCHEMES = Map.of(
            CredentialType.API_KEY, "apiKey",
            CredentialType.PARTNER_KEY, "ashbyPartnerKey",
            CredentialType.SESSION, "session");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents() == null ? OASFactory.createComponents() : openAPI.getComponents();
        components.addSecurityScheme("apiKey", OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP)
                .scheme("bearer").bearerFormat("trf_live_…").description("An API key of the company: READ ⊂ WRITE ⊂ ADMIN."));
        components.addSecurityScheme("ashbyPartnerKey", OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP)
                .scheme("basic").description("The company's Ashby partner key (trf_ashby_…) as username, empty password."));
        components.addSecurityScheme("session", OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP)
                .scheme("bearer").bearerFormat("JWT").description("A session token of Truffle's identity provider."));
        components.addSchema("Problem", OASFactory.createSchema().type(java.util.List.of(Schema.SchemaType.OBJECT))
                .description("RFC 9457 problem details")
                .addProperty("type", string()).addProperty("title", string()).addProperty("status", OASFactory.createSchema()
                        .type(java.util.List.of(Schema.SchemaType.INTEGER)))
                .addProperty("detail", string()).addProperty("request_id", string())
                .addProperty("required_permission", string()).addProperty("granted_permission", string())
                .addProperty("retry_after_seconds", OASFactory.createSchema().type(java.util.List.of(Schema.SchemaType.INTEGER))));
        openAPI.setComponents(components);

        Paths paths = OASFactory.createPaths();
        for (Route route : GatewayRoutes.table().routes()) {
            if (route.access().credential() == CredentialType.BROWSER) {
                continue; // pages are for people in browsers, not part of the API
            }
            String path = route.path().toString();
            PathItem item = paths.getPathItem(path);
            if (item == null) {
                item = OASFactory.createPathItem();
                Matcher m = VARIABLE.matcher(path);
                while (m.find()) {
                    item.addParameter(OASFactory.createParameter().name(m.group(1)).in(Parameter.In.PATH).required(true)
                            .schema(string()));
                }
                paths.addPathItem(path, item);
            }
            item.setOperation(PathItem.HttpMethod.valueOf(route.method().name()), operation(route));
        }
        openAPI.setPaths(paths);
    }

    private static Operation operation(Route route) {
        RequiredAccess access = route.access();
        APIResponses responses = OASFactory.createAPIResponses()
                .addAPIResponse("default", OASFactory.createAPIResponse().description("The answer of " + route.upstream().serviceName()));
        Operation op = OASFactory.createOperation()
                .operationId(route.method().name().toLowerCase() + route.path().toString().replaceAll("[^A-Za-z0-9]+", "_"))
                .addTag(tag(route))
                .summary(route.name())
                .description("Forwarded to " + route.upstream().serviceName() + (access == RequiredAccess.PUBLIC
                        ? ". Public: the screener token in the path is the credential."
                        : ". Requires " + access.label() + "."))
                .responses(responses);
        if (access != RequiredAccess.PUBLIC) {
            op.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme(SCHEMES.get(access.credential())));
            responses.addAPIResponse("401", problem("No, an unknown, revoked or malformed credential"));
            responses.addAPIResponse("403", problem("The credential does not grant " + access.label()));
        }
        if (access.credential() == CredentialType.API_KEY || access.credential() == CredentialType.PARTNER_KEY) {
            responses.addAPIResponse("429", problem("The key's rate limit is exhausted (see Retry-After)"));
        }
        responses.addAPIResponse("502", problem("The service cannot be reached"));
        return op;
    }

    private static String tag(Route route) {
        String p = route.path().toString();
        if (p.startsWith("/partners/")) {
            return "Ashby partner";
        }
        if (p.startsWith("/staff/")) {
            return "Staff";
        }
        if (p.startsWith("/screener/")) {
            return "Candidates";
        }
        return route.access().credential() == CredentialType.SESSION ? "Company admin" : "Hiring API";
    }

    private static org.eclipse.microprofile.openapi.models.responses.APIResponse problem(String description) {
        MediaType json = OASFactory.createMediaType().schema(OASFactory.createSchema().ref("Problem"));
        Content content = OASFactory.createContent().addMediaType("application/problem+json", json);
        return OASFactory.createAPIResponse().description(description).content(content);
    }

    private static Schema string() {
        return OASFactory.createSchema().type(java.util.List.of(Schema.SchemaType.STRING));
    }
}
