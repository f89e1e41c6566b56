package dev.seatwarden.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vavr.collection.List;
import org.junit.jupiter.api.Test;

/** The table splits each template once, when the endpoint is made, and routes by those segments. */
class RouteTableTest {

    private static final RouteTable.Handler NONE = exchange -> Answer.noContent();

    @Test
    void an_endpoint_keeps_its_templates_segments_and_refuses_others() {
        var endpoint = new RouteTable.Endpoint("POST", "/v1/tokens/{id}/revoke", NONE);

        assertThat(endpoint.segments()).containsExactly("v1", "tokens", "{id}", "revoke");
        assertThatThrownBy(() -> new RouteTable.Endpoint("GET", "/v1/tokens", NONE, List.of("v1", "seats")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RouteTable.Endpoint("GET", "v1/no-leading-slash", NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("v1/no-leading-slash");
    }

    @Test
    void routing_matches_by_the_kept_segments_and_decodes_parameters() {
        var revoke = new RouteTable.Endpoint("POST", "/v1/tokens/{id}/revoke", NONE);
        var list = new RouteTable.Endpoint("GET", "/v1/tokens", NONE);
        var table = new RouteTable(List.of(list, revoke));

        var matched = table.route("POST", "/v1/tokens/tok%5F1/revoke");
        assertThat(matched).isInstanceOf(RouteTable.Matched.class);
        assertThat(((RouteTable.Matched) matched).endpoint()).isSameAs(revoke);
        assertThat(((RouteTable.Matched) matched).params().get("id").get()).isEqualTo("tok_1");
        assertThat(table.route("GET", "/v1/tokens/tok_1/revoke")).isInstanceOf(RouteTable.WrongMethod.class);
        assertThat(table.route("GET", "/v1/tokens/tok_1")).isInstanceOf(RouteTable.Unknown.class);
    }

    @Test
    void of_two_endpoints_that_fit_a_path_the_first_in_the_table_answers_and_405_lists_every_fitting_method() {
        // given endpoints of several lengths, two of which fit /v1/tokens/rotate for POST
        var byId = new RouteTable.Endpoint("POST", "/v1/tokens/{id}", NONE);
        var rotate = new RouteTable.Endpoint("POST", "/v1/tokens/rotate", NONE);
        var delete = new RouteTable.Endpoint("DELETE", "/v1/tokens/{id}", NONE);
        var list = new RouteTable.Endpoint("GET", "/v1/tokens", NONE);
        var deep = new RouteTable.Endpoint("POST", "/v1/tokens/{id}/revoke", NONE);

        // then the table's order decides, whichever of them comes first
        var table = new RouteTable(List.of(list, byId, deep, rotate, delete));
        assertThat(((RouteTable.Matched) table.route("POST", "/v1/tokens/rotate")).endpoint())
                .isSameAs(byId);
        var reversed = new RouteTable(List.of(rotate, deep, list, delete, byId));
        assertThat(((RouteTable.Matched) reversed.route("POST", "/v1/tokens/rotate")).endpoint())
                .isSameAs(rotate);
        assertThat(table.route("GET", "/v1/tokens/rotate"))
                .isEqualTo(new RouteTable.WrongMethod(List.of("POST", "DELETE")));
        assertThat(table.route("PUT", "/")).isInstanceOf(RouteTable.Unknown.class);
    }
}
