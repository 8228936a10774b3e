using Qomon.Client.Search;
using Xunit;

namespace Qomon.Client.Tests.Search
{
    /// <summary>
    /// A run of contacts that share one lastchange and is longer than a page (a bulk import) cannot move the
    /// pager's key forward: it is read by offset and read again until a pass brings nothing new and sees every
    /// member the pass before saw. It must neither loop forever nor lose contacts, also while its members are written.
    /// </summary>
    public sealed class ContactPagerTieTests
    {
        private static readonly TimeSpan Millisecond = TimeSpan.FromMilliseconds(1);

        [Fact]
        public async Task ATieGroupLongerThanAPageIsReadWholeOnceAndTheReadEnds()
        {
            await using var scenario = await PagerScenario.StartAsync();
            var created = await CreateWithTieGroupAsync(scenario, "Rennes");
            var pager = new ContactPager(scenario.Client, new ContactPagerOptions { Query = PagerScenario.CityQuery("Rennes"), All = true });

            var returned = await PagerScenario.ReadAllAsync(pager);

            Assert.Equal(created.OrderBy(i => i), returned.OrderBy(i => i));
            // 100 before, 500 at one instant, 100 after, in pages of 200: the group is read twice (3 pages a pass),
            // then once more from the millisecond after it; nowhere near the 500-page guard.
            Assert.InRange(pager.Requests, 5, 12);
            Assert.Equal(0, pager.UnsettledTieGroups);
        }

        [Theory]
        [InlineData(0)]
        [InlineData(2000)]
        public async Task ATieGroupWhoseMembersAreWrittenWhileItIsReadIsReadWholeAndOnce(int indexDelayMs)
        {
            await using var scenario = await PagerScenario.StartAsync(indexDelayMs);
            var created = await CreateWithTieGroupAsync(scenario, "Brest");
            var pager = new ContactPager(scenario.Client, new ContactPagerOptions { Query = PagerScenario.CityQuery("Brest"), All = true });

            // Each member written leaves the group, so the offsets of the group's later pages shift back by a page:
            // read once by offset, the group would lose 200 contacts.
            var returned = await PagerScenario.ReadAllAsync(pager, async (ids, _) =>
            {
                foreach (var id in ids) await scenario.TagAsync(id, "import");
                scenario.Clock.Advance(TimeSpan.FromMilliseconds(indexDelayMs + 1));
            });

            Assert.Equal(returned.Count, returned.Distinct().Count());
            Assert.Equal(created.OrderBy(i => i), returned.OrderBy(i => i));
            Assert.Equal(700, scenario.Tagged("import").Count);
        }

        [Fact]
        public async Task ATieGroupExactlyOnePageLongIsReadOnce()
        {
            await using var scenario = await PagerScenario.StartAsync();
            var created = await scenario.CreateAsync("Metz", 200, TimeSpan.Zero);
            var pager = new ContactPager(scenario.Client, new ContactPagerOptions { Query = PagerScenario.CityQuery("Metz"), All = true });

            var returned = await PagerScenario.ReadAllAsync(pager);

            Assert.Equal(created.OrderBy(i => i), returned.OrderBy(i => i));
        }

        private static async Task<List<long>> CreateWithTieGroupAsync(PagerScenario scenario, string city)
        {
            var created = await scenario.CreateAsync(city, 100, Millisecond);
            created.AddRange(await scenario.CreateAsync(city, 500, TimeSpan.Zero));
            created.AddRange(await scenario.CreateAsync(city, 100, Millisecond));
            return created;
        }
    }
}
