// The county and school year a balance page shows, kept in the URL (?county_code=&school_year=)
// so a link or a reload shows the same; the county list is the caller's scope.
import { computed, ref } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { useRegionStore } from '@/stores/regions.js';

export function useCountyYear() {
  const route = useRoute();
  const router = useRouter();
  const regions = useRegionStore();
  const counties = computed(() => regions.items.filter((r) => r.level === 'county'));
  const county = ref(route.query.county_code || '');
  const year = ref(route.query.school_year ? Number(route.query.school_year) : 0);

  async function init() {
    await regions.load();
    if (!county.value && counties.value.length) {
      // a county admin has one; a city admin starts with the first county
      county.value = counties.value[0].code;
    }
  }
  function sync(extra = {}) {
    router.replace({ query: { ...route.query, county_code: county.value || undefined, school_year: year.value || undefined, ...extra } });
  }
  return { county, year, counties, init, sync };
}
