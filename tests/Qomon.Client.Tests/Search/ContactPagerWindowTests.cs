using Qomon.Client.Search;
using Xunit;

namespace Qomon.Client.Tests.Search
{
    /// <summary>Page sizes, -Skip and -First, the exact filter and the one-page read, through the emulator.</summary>
    public sealed class ContactPagerWindowTests
    {
        private static readonly TimeSpan Millisecond = TimeSpan.FromMilliseconds(1);

        [Theory]
        [InlineData(false, null, 0UL, ulong.MaxValue, false, 1000)]
        [InlineData(true, null, 0UL, ulong.MaxValue, false, 200)]
        [InlineData(true, 1000, 0UL, ulong.MaxValue, false, 1000)]
        [InlineData(false, 50, 0UL, ulong.MaxValue, false, 50)]
        [InlineData(false, null, 10UL, 5UL, false, 15)]
        [InlineData(false, null, 0UL, 0UL, false, 1)]
        [InlineData(false, null, 0UL, 5000UL, false, 1000)]
        [InlineData(false, null, 10UL, 5UL, true, 1000)]
        public void ThePageSizeFollowsTheRead(bool all, int? pageSize, ulong skip, ulong first, bool exact, int expected)
        {
            var options = new ContactPagerOptions { All = all, PageSize = pageSize, Skip = skip, First = first, ExactMatch = exact ? _ => true : null };
            Assert.Equal(expected, options.EffectivePageSize);
        }

        [Theory]
        [InlineData(0)]
        [InlineData(1001)]
        public void APageSizeOutsideTheApisRangeIsRefused(int pageSize) =>
            Assert.Throws<ArgumentOutOfRangeException>(() => new ContactPagerOptions { PageSize = pageSize }.EffectivePageSize);

        [Fact]
        public async Task FirstAndSkipCutTheResultAcrossPages()
        {
            await using var scenario = await PagerScenario.StartAsync();
            var created = await scenario.CreateAsync("Arles", 30, Millisecond);
            var query = PagerScenario.CityQuery("Arles");

            var cut = await PagerScenario.ReadAllAsync(new ContactPager(scenario.Client, new ContactPagerOptions { Query = query, PageSize = 7, Skip = 10, First = 15 }));
            var jumped = new ContactPager(scenario.Client, new ContactPagerOptions { Query = query, PageSize = 7, Skip = 21, First = 3 });
            var afterJump = await PagerScenario.ReadAllAsync(jumped);

            Assert.Equal(created.Skip(10).Take(15), cut);
            // -Skip 21 in pages of 7 starts at page 3: one request, not four.
            Assert.Equal(created.Skip(21).Take(3), afterJump);
            Assert.Equal(1, jumped.Requests);
        }

        [Fact]
        public async Task FirstZeroSendsNothing()
        {
            await using var scenario = await PagerScenario.StartAsync();
            var pager = new ContactPager(scenario.Client, new ContactPagerOptions { Query = PagerScenario.CityQuery("Nowhere"), All = true, CountAtStart = true, First = 0 });

            Assert.True(pager.Finished);
            Assert.Null(await pager.NextPageAsync(CancellationToken.None));
            Assert.Equal(0, await scenario.RequestsToAsync("POST /search"));
            Assert.Equal(0, await scenario.RequestsToAsync("POST /kpi"));
        }

        [Fact]
        public async Task FirstStopsAsSoonAsItHasEnough()
        {
            await using var scenario = await PagerScenario.StartAsync();
            var created = await scenario.CreateAsync("Albi", 450, Millisecond);
            var pager = new ContactPager(scenario.Client, new ContactPagerOptions { Query = PagerScenario.CityQuery("Albi"), All = true, First = 250 });

            var returned = await PagerScenario.ReadAllAsync(pager);

            Assert.Equal(created.Take(250), returned);
            Assert.Equal(2, pager.Requests);
        }

        [Fact]
        public async Task TheExactFilterDropsTheServersLooseMatches()
        {
            await using var scenario = await PagerScenario.StartAsync();
            var exact = await scenario.CreateAsync("Test", 2, Millisecond);
            await scenario.CreateAsync("Testville", 3, Millisecond);
            var filter = ContactFilter.Build(new Dictionary<string, object?> { ["address.city"] = "Test" });
            var pager = new ContactPager(scenario.Client, new ContactPagerOptions { Query = filter.Query, ExactMatch = filter.Matches, PageSize = 2, All = true });

            var returned = await PagerScenario.ReadAllAsync(pager);

            Assert.Equal(exact, returned);
            Assert.Equal(5, pager.Returned);
        }

        [Theory]
        [InlineData(10, true)]
        [InlineData(9, false)]
        public async Task AOnePageReadSaysWhetherMoreMayMatch(int contacts, bool more)
        {
            await using var scenario = await PagerScenario.StartAsync();
            await scenario.CreateAsync("Agen", contacts, Millisecond);
            var pager = new ContactPager(scenario.Client, new ContactPagerOptions { Query = PagerScenario.CityQuery("Agen"), PageSize = 10 });

            var returned = await PagerScenario.ReadAllAsync(pager);

            Assert.Equal(contacts, returned.Count);
            Assert.Equal(more, pager.MoreMayMatch);
            Assert.Equal(1, pager.Requests);
        }

        [Fact]
        public async Task ARootOfAlternativesOverAlternativesIsPagedByKeyToo()
        {
            await using var scenario = await PagerScenario.StartAsync();
            var created = await scenario.CreateAsync("Vannes", 250, Millisecond);
            created.AddRange(await scenario.CreateAsync("Quimper", 200, Millisecond));
            var query = new System.Text.Json.Nodes.JsonObject
            {
                [QueryTree.AtLeastOne] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject
                {
                    [QueryTree.AtLeastOne] = new System.Text.Json.Nodes.JsonArray(
                        QueryTree.Condition("address.city", SearchOperators.Eql, "Vannes"),
                        QueryTree.Condition("address.city", SearchOperators.Eql, "Quimper")),
                }),
            };
            var pager = new ContactPager(scenario.Client, new ContactPagerOptions { Query = query, All = true });

            var returned = await PagerScenario.ReadAllAsync(pager, async (ids, _) => { foreach (var id in ids) await scenario.TagAsync(id, "west"); });

            Assert.Equal(created.OrderBy(i => i), returned.OrderBy(i => i));
        }
    }
}
