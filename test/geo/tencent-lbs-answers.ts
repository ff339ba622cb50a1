/**
 * Bodies shaped as Tencent Location Service's documentation shows them for
 * `GET /ws/geocoder/v1/?location=lat,lng` (reverse geocoding), success and error.
 */

/** A success answer for a point in `district` (trimmed: only the fields an answer always has). */
export function successAnswer(at: { lat: number; lng: number }, ad: { adcode: string; province: string; city: string; district: string; nation_code?: string; nation?: string }) {
  const nation = ad.nation ?? '中国';
  return {
    status: 0,
    message: 'Success',
    request_id: '5c3e1b6d-2f7c-4c1e-9a7e-2b1f0c9d8e7f',
    result: {
      location: { lat: at.lat, lng: at.lng },
      address: `${ad.province}${ad.district}`,
      formatted_addresses: { recommend: `${ad.district}`, rough: `${ad.district}` },
      address_component: { nation, province: ad.province, city: ad.city, district: ad.district, street: '', street_number: '' },
      ad_info: {
        nation_code: ad.nation_code ?? '156',
        adcode: ad.adcode,
        city_code: ad.adcode === '' ? '' : `156${ad.adcode.slice(0, 4)}00`,
        name: [nation, ad.province, ad.city, ad.district].filter((part) => part !== '').join(','),
        location: { lat: at.lat, lng: at.lng },
        nation,
        province: ad.province,
        city: ad.city,
        district: ad.district,
      },
    },
  };
}

/** An error answer: HTTP 200 with a non-zero `status`. */
export function errorAnswer(status: number, message: string) {
  return { status, message, request_id: '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0' };
}
