package org.ecobureau.oversight.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.ecobureau.oversight.identity.OrgDirectory.Party;
import org.ecobureau.oversight.identity.OrgDirectory.Party.Kind;
import org.junit.jupiter.api.Test;

/**
 * Parties as division tables name them, resolved against the organisation files of Dingxi and of
 * Lanzhou (another city on the same build), without Spring.
 */
class OrgDirectoryTest {

  private final OrgDirectory dingxi =
      OrgDirectory.fromFiles("classpath:org/dingxi/counties.csv", "classpath:org/dingxi/units.csv");
  private final OrgDirectory lanzhou =
      OrgDirectory.fromFiles("classpath:org/lanzhou/counties.csv", "classpath:org/lanzhou/units.csv");

  @Test
  void countiesByNameShortNameGovernmentAndPartyCommittee() {
    for (String text : new String[] {"临洮县", "临洮", "lintao", "临洮县人民政府", "临洮县政府", "临洮县委、县政府",
        "临洮县委县政府", "临洮县党委和政府", "临洮县党委、政府", "临洮县党委政府"}) {
      assertThat(dingxi.resolveParty(text)).as("「%s」", text).isEqualTo(new Party(Kind.COUNTY, "lintao", text));
    }
    assertThat(dingxi.resolveParty("安定区委、区政府").code()).isEqualTo("anding");
    assertThat(dingxi.resolveParty("漳县人民政府").code()).isEqualTo("zhangxian");
  }

  @Test
  void everyCountyAndTheCityDepartmentsConcerned() {
    for (String text : new String[] {"各县区", "各县区人民政府", "各县区党委和政府", "各县（区）人民政府", "各县区政府",
        "各县区党委政府", "全部"}) {
      assertThat(dingxi.resolveParty(text).kind()).as("「%s」", text).isEqualTo(Kind.ALL_COUNTIES);
    }
    assertThat(dingxi.resolveParty("市直有关部门").kind()).isEqualTo(Kind.CITY_DEPARTMENTS);
  }

  @Test
  void unitsByNameAliasOrCodeIncludingTheOnesThePlanImplies() {
    assertThat(dingxi.resolveParty("市机关事务管理局")).isEqualTo(new Party(Kind.UNIT, "jgswj", "市机关事务管理局"));
    assertThat(dingxi.resolveParty("经开区管委会").code()).isEqualTo("kfq");
    assertThat(dingxi.resolveParty("定西经开区").code()).isEqualTo("kfq");
    assertThat(dingxi.resolveParty("国家金融监督管理总局定西监管分局").code()).isEqualTo("jrjg");
    assertThat(dingxi.resolveParty("定西金融监管分局").code()).isEqualTo("jrjg");
    assertThat(dingxi.resolveParty("供销社").code()).isEqualTo("gxs");
    assertThat(dingxi.resolveParty("市供销合作社").code()).isEqualTo("gxs");
    assertThat(dingxi.resolveParty("sthj").kind()).isEqualTo(Kind.UNIT);
  }

  @Test
  void theCitysOwnLeadershipAndUnknownNamesStayUnknownAsWritten() {
    for (String text : new String[] {"市委、市政府", "市政府", "市人民政府", "兰州区人民政府", "市宇宙局", "临洮县委"}) {
      assertThat(dingxi.resolveParty(text)).as("「%s」", text).isEqualTo(new Party(Kind.UNKNOWN, null, text));
    }
  }

  @Test
  void anotherCityResolvesItsOwnCountiesTheSameWay() {
    assertThat(lanzhou.resolveParty("城关区人民政府").code()).isEqualTo("chengguan");
    assertThat(lanzhou.resolveParty("榆中县委、县政府").code()).isEqualTo("yuzhong");
    assertThat(lanzhou.resolveParty("皋兰县党委和政府").code()).isEqualTo("gaolan");
    assertThat(lanzhou.resolveParty("兰州新区").code()).isEqualTo("lanzhouxinqu");
    assertThat(lanzhou.resolveParty("各县区人民政府").kind()).isEqualTo(Kind.ALL_COUNTIES);
    assertThat(lanzhou.resolveParty("临洮县人民政府").kind()).as("a Dingxi county in Lanzhou").isEqualTo(Kind.UNKNOWN);
    assertThat(lanzhou.counties()).hasSize(9);
    assertThat(lanzhou.units()).isNotEmpty();
  }

  @Test
  void splitPartiesKeepsACommitteeWithItsGovernment() {
    assertThat(OrgDirectory.splitParties("临洮县委、县政府，渭源县党委、政府;岷县党委 政府、市住建局"))
        .containsExactly("临洮县委、县政府", "渭源县党委、政府", "岷县党委政府", "市住建局");
    assertThat(OrgDirectory.splitParties(" ")).isEmpty();
  }
}
