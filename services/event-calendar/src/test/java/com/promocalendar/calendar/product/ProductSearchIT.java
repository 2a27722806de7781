package com.promocalendar.calendar.product;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.promocalendar.calendar.Api.Response;
import com.promocalendar.calendar.IntegrationTest;
import com.promocalendar.calendar.Tokens;

class ProductSearchIT extends IntegrationTest {

    @Test
    void searchAnswersInventoryProductsInTheAgreedShape() {
        Response found = api().get("/api/products?query=matcha&limit=5", Tokens.admin());

        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json()).hasSize(1);
        assertThat(found.json().get(0).path("sku").asText()).isEqualTo("TEA-2004");
        assertThat(found.json().get(0).path("priceCents").asLong()).isEqualTo(2499);
        assertThat(found.json().get(0).path("currency").asText()).isEqualTo("EUR");
        assertThat(found.json().get(0).path("imageUrl").asText()).endsWith("/images/TEA-2004.svg");
        assertThat(found.json().get(0).path("url").asText()).isNotBlank();
    }

    @Test
    void limitOutOfRangeNamesLimit() {
        Response refused = api().get("/api/products?limit=101", Tokens.admin());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorFields()).containsExactly("limit");
    }
}
