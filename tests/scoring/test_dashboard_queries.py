"""The scoring reads the dashboards present: the newest published table of each bloc, for a
subtree's blocs and for a unit's."""

from django.db.models import Q

from scoring.queries import bloc_tables, table_maximum, tables_of_blocs_in, tables_of_blocs_of
from tests.scoring.conftest import import_table


def test_bloc_tables_take_the_newest_published_version_with_its_maximum(
    org, bloc_table, mttq_table, django_assert_num_queries
):
    newer = import_table(owner=org.province, grouping=bloc_table.grouping, code=bloc_table.code)
    import_table(owner=org.province, grouping=bloc_table.grouping, code=bloc_table.code, publish=False)
    assert newer.version == bloc_table.version + 1
    with django_assert_num_queries(1):
        tables = bloc_tables(year=2020, scope=Q())
        maxima = [t.maximum for t in tables]
    assert [t.pk for t in tables] == [newer.pk, mttq_table.pk]  # in the blocs' name order
    assert maxima == [sum(table_maximum(newer)), sum(table_maximum(mttq_table))]
    assert bloc_tables(year=2020, scope=Q(grouping=mttq_table.grouping)) == [mttq_table]
    assert bloc_tables(year=2021, scope=Q()) == []


def test_tables_of_blocs_in_a_subtree_and_of_a_unit(org, bloc_table, mttq_table):
    # The district bloc has A and B as members; the MTTQ bloc, the province and an outside body.
    assert tables_of_blocs_in(org.a, year=2020) == [bloc_table]
    assert tables_of_blocs_in(org.province, year=2020) == [bloc_table, mttq_table]
    assert tables_of_blocs_of(org.province, year=2020) == [mttq_table]
    assert tables_of_blocs_of(org.a1, year=2020) == []
