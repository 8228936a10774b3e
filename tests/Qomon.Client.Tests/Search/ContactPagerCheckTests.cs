using Qomon.Client.Search;
using Xunit;

namespace Qomon.Client.Tests.Search
{
    /// <summary>
    /// The check at the end of a whole read (with or without an exact filter): the contacts the server returned,
    /// before the filter, against Qomon's count at the start and, only when fewer came back, its count at the end.
    /// Missing means: matched at the start, still matches at the end, never returned.
    /// </summary>
    public sealed class ContactPagerCheckTests
    {
        private static readonly TimeSpan Millisecond = TimeSpan.FromMilliseconds(1);

        [Fact]
        public async Task AReadThatReturnsEveryContactCountsOnceAndMissesNothing()
        {
            await using var scenario = await PagerScenario.StartAsync();
            await scenario.CreateAsync("Dijon", 450, Millisecond);
            var pager = new ContactPager(scenario.Client, new ContactPagerOptions { Query = PagerScenario.CityQuery("Dijon"), All = true, CountAtStart = true });

            await PagerScenario.ReadAllAsync(pager);

            var check = Assert.IsType<ContactPagerShortfall>(pager.Check);
            Assert.Equal(450, check.Returned);
            Assert.Equal(450, check.CountedAtStart);
            Assert.Null(check.CountedAtEnd);
            Assert.Equal(0, check.Missed);
            Assert.Equal(450, pager.CountedAtStart);
            Assert.Equal(1, await scenario.RequestsToAsync("POST /kpi"));
        }

        [Fact]
        public async Task ContactsDeletedDuringTheReadAreNotMissed()
        {
            await using var scenario = await PagerScenario.StartAsync();
            var created = await scenario.CreateAsync("Tours", 450, Millisecond);
            var pager = new ContactPager(scenario.Client, new ContactPagerOptions { Query = PagerScenario.CityQuery("Tours"), All = true, CountAtStart = true });

            await PagerScenario.ReadAllAsync(pager, async (_, page) =>
            {
                if (page == 0) foreach (var id in created.Skip(300).Take(30)) await scenario.DeleteAsync(id);
            });

            var check = Assert.IsType<ContactPagerShortfall>(pager.Check);
            Assert.Equal((420L, 450L, (long?)420L), (check.Returned, check.CountedAtStart, check.CountedAtEnd));
            Assert.Equal(0, check.Missed);
            Assert.Equal(30, check.Left);
        }

        [Fact]
        public async Task ContactsThatStopMatchingWhileThePagesPassThemAndMatchAgainAreMissed()
        {
            await using var scenario = await PagerScenario.StartAsync();
            var created = await scenario.CreateAsync("Caen", 750, Millisecond);
            var victims = created.Skip(450).Take(10).ToList();
            var pager = new ContactPager(scenario.Client, new ContactPagerOptions { Query = PagerScenario.CityQuery("Caen"), All = true, CountAtStart = true });

            // An upsert changes a contact without a new lastchange: moved out of the city before the pages reach
            // them, and back once they are passed, they matched at the start and at the end, and no page held them.
            await PagerScenario.ReadAllAsync(pager, async (_, page) =>
            {
                if (page == 0) foreach (var id in victims) await scenario.UpsertCityAsync(id, "Elsewhere");
                if (page == 2) foreach (var id in victims) await scenario.UpsertCityAsync(id, "Caen");
            });

            var check = Assert.IsType<ContactPagerShortfall>(pager.Check);
            Assert.Equal((740L, 750L, (long?)750L), (check.Returned, check.CountedAtStart, check.CountedAtEnd));
            Assert.Equal(10, check.Missed);
            Assert.Equal(0, check.Left);
        }

        [Fact]
        public async Task WithAnExactFilterTheServersMatchesAreCheckedBeforeTheFilter()
        {
            await using var scenario = await PagerScenario.StartAsync();
            await scenario.CreateAsync("Test", 3, Millisecond);
            await scenario.CreateAsync("Testville", 2, Millisecond);
            var filter = ContactFilter.Build(new Dictionary<string, object?> { ["address.city"] = "Test" });
            var pager = new ContactPager(scenario.Client, new ContactPagerOptions { Query = filter.Query, ExactMatch = filter.Matches, All = true, CountAtStart = true });

            var returned = await PagerScenario.ReadAllAsync(pager);

            Assert.Equal(3, returned.Count);
            var check = Assert.IsType<ContactPagerShortfall>(pager.Check);
            Assert.Equal((5L, 5L, 0L), (check.Returned, check.CountedAtStart, check.Missed));
        }

        [Theory]
        [InlineData(0UL, 10UL)]
        [InlineData(5UL, ulong.MaxValue)]
        public async Task APartialReadIsNotChecked(ulong skip, ulong first)
        {
            await using var scenario = await PagerScenario.StartAsync();
            await scenario.CreateAsync("Pau", 30, Millisecond);
            var pager = new ContactPager(scenario.Client, new ContactPagerOptions { Query = PagerScenario.CityQuery("Pau"), All = true, CountAtStart = true, Skip = skip, First = first });

            await PagerScenario.ReadAllAsync(pager);

            Assert.Null(pager.Check);
        }
    }
}
