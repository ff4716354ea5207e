package vn.bdg.registry.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One catalogue entry; codeList and isMinority only for ethnic groups. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CatalogEntry(String code, String nameVi, String nameEn, String codeList, Boolean isMinority) {
}
