package dev.lockxref.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LockAccessorsTest {
  @Test
  void anArgumentTakesItsParametersPlace() {
    assertThat(LockAccessors.substitute("&rq->__lock", List.of("rq"), List.of("cpu_rq(cpu)"))).isEqualTo("&(cpu_rq(cpu))->__lock");
    assertThat(LockAccessors.substitute("&rq->core->__lock", List.of("rq"), List.of("this"))).isEqualTo("&(this)->core->__lock");
  }

  @Test
  void anAddressesMemberIsTheObjectsMember() {
    assertThat(LockAccessors.substitute("&(xa)->xa_lock", List.of("xa"), List.of("&mapping->i_pages")))
        .isEqualTo("&(mapping->i_pages).xa_lock");
    assertThat(LockAccessors.substitute("&xa->xa_lock", List.of("xa"), List.of("&mapping->i_pages")))
        .isEqualTo("&(mapping->i_pages).xa_lock");
  }

  @Test
  void aParameterAtTheEndOrAfterAMemberArrowIsHandled() {
    assertThat(LockAccessors.substitute("xa", List.of("xa"), List.of("&m->i_pages"))).isEqualTo("(&m->i_pages)");
    assertThat(LockAccessors.substitute("(xa)", List.of("xa"), List.of("&m->i_pages"))).isEqualTo("((&m->i_pages))");
    // a member of the same name as a parameter is not the parameter
    assertThat(LockAccessors.substitute("&p->xa", List.of("xa", "p"), List.of("a", "b"))).isEqualTo("&(b)->xa");
  }
}
